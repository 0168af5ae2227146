// Published KDF vectors against the reference backend, read from the in-repo
// JSON files (see crypto_vectors.hpp): RFC 5869, Botan, OpenSSL/NIST CAVP,
// NIST ACVP.
#include <doctest/doctest.h>

#include "crypto_vectors.hpp"
#include "tlswire/crypto/reference/reference.hpp"

namespace tests_crypto_vectors {

namespace {
struct reference_backend {
    using md5 = tlswire::crypto::reference::md5;
    using sha1 = tlswire::crypto::reference::sha1;
    using sha224 = tlswire::crypto::reference::sha224;
    using sha256 = tlswire::crypto::reference::sha256;
    using sha384 = tlswire::crypto::reference::sha384;
    using sha512 = tlswire::crypto::reference::sha512;
    using md5_sha1 = tlswire::crypto::reference::md5_sha1;
};
namespace v = tlswire_test::vectors;
}  // namespace

TEST_CASE("HKDF: RFC 5869 Appendix A test cases 1-7 (reference)") { CHECK(v::rfc5869<reference_backend>() == 7); }
TEST_CASE("HKDF: Botan hkdf.vec, HKDF with its Extract and Expand halves (reference)") {
    CHECK(v::botan_hkdf<reference_backend>() == 13);
}
TEST_CASE("HKDF: NIST ACVP KDA/HKDF sample (reference)") { CHECK(v::acvp_hkdf<reference_backend>() == 8); }
TEST_CASE("TLS PRF: Botan tls_prf.vec, TLS 1.0/1.1 and 1.2 (reference)") {
    CHECK(v::botan_tls_prf<reference_backend>() == 36);
}
TEST_CASE("TLS PRF: OpenSSL/NIST CAVP TLS 1.0/1.1 PRF (reference)") {
    CHECK(v::openssl_tls_prf<reference_backend>("tls11") == 2);
}
TEST_CASE("TLS PRF: OpenSSL/NIST CAVP TLS 1.2 PRF (reference)") {
    CHECK(v::openssl_tls_prf<reference_backend>("tls12") == 3);
}
TEST_CASE("TLS PRF: every case of prf/tls10_prf.json and prf/tls12_prf.json (reference)") {
    CHECK(v::prf_cases<reference_backend>("prf/tls10_prf.json", "") == 36);
    CHECK(v::prf_cases<reference_backend>("prf/tls12_prf.json", "") == 13);
}
TEST_CASE("TLS 1.2: NIST ACVP extended master secret + key block (reference)") {
    CHECK(v::acvp_tls12_ems<reference_backend>() == 14);
}
TEST_CASE("TLS 1.0-1.2: NIST ACVP kdf-components master secret + key block (reference)") {
    CHECK(v::acvp_kdf_components<reference_backend>() == 4);
}
TEST_CASE("TLS 1.3: NIST ACVP TLS 1.3 KDF, every secret (reference)") { CHECK(v::acvp_tls13<reference_backend>() == 10); }

}  // namespace tests_crypto_vectors
