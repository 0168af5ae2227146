// decryption/connection_keys.hpp over the OpenSSL backend
// (crypto/openssl_aead.hpp): every captured connection decrypts completely,
// as with the reference backend (connection_keys_test.cpp).
#include <doctest/doctest.h>

#include "capture_support.hpp"
#include "tlswire/crypto/openssl_aead.hpp"

namespace tests_decryption_openssl_connection_keys {

using namespace decryption_test;

TEST_CASE("openssl backend: every captured connection decrypts completely with its key log") {
    CHECK(check_all_captures<tlswire::crypto::openssl::backend>() >= 317);
}

}  // namespace tests_decryption_openssl_connection_keys
