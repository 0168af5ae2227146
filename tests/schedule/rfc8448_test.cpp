// RFC 8448 example traces, recomputed with the reference backend: every
// secret, key, IV, Finished, binder and resumption value of sections 3–7,
// from the (EC)DHE shared secret (and §3's resumption PSK for §4) and the
// handshake messages only. The traces are the in-repo JSON files
// vectors/rfc8448/*.json (see schedule_rfc8448_trace.hpp).
#include <doctest/doctest.h>

#include "rfc8448_trace.hpp"
#include "tlswire/crypto/reference/reference.hpp"

namespace tests_schedule_rfc8448 {

namespace ref = tlswire::crypto::reference;
namespace rfc8448 = tlswire_test::rfc8448;

TEST_CASE("RFC 8448: the vectors/rfc8448 traces load into sections with steps, messages and key_schedule") {
    const auto& t = rfc8448::trace();
    REQUIRE(t.size() == 5);
    REQUIRE(t.count("3") == 1);
    REQUIRE(t.count("7") == 1);
    CHECK(t.at("3").title == "Simple 1-RTT Handshake");
    CHECK(t.at("4").title == "Resumed 0-RTT Handshake");
    CHECK(t.at("5").title == "HelloRetryRequest");
    CHECK(t.at("6").title == "Client Authentication");
    CHECK(t.at("7").title == "Compatibility Mode");
    CHECK(t.at("3").steps.size() == 55);
    CHECK(rfc8448::messages(t.at("3")).size() == 8);  // CH SH EE Cert CV SF CF NST
    CHECK(rfc8448::messages(t.at("3"))[3].type == "certificate");
    CHECK(rfc8448::messages(t.at("3"))[3].bytes.size() == 445);
    CHECK(rfc8448::messages(t.at("4")).size() == 6);  // CH(+binders) SH EE SF EOED CF
    CHECK(rfc8448::messages(t.at("4"))[0].bytes.size() == 512);
    CHECK(rfc8448::messages(t.at("5")).size() == 9);  // CH1 HRR CH2 SH EE Cert CV SF CF
    CHECK(rfc8448::messages(t.at("5"))[1].type == "hello_retry_request");
    CHECK(rfc8448::messages(t.at("6")).size() == 10);
    CHECK(rfc8448::messages(t.at("7")).size() == 7);
    // A value the RFC prints across a page break is whole.
    CHECK(t.at("3").value("construct a Certificate", "Certificate", "server").size() == 445);
}

TEST_CASE("RFC 8448 §3 simple 1-RTT: full schedule, reference backend") {
    CHECK(rfc8448::run<ref::sha256>("3") >= 20);
}
TEST_CASE("RFC 8448 §4 resumed 0-RTT: PSK, binder, early secrets, reference backend") {
    CHECK(rfc8448::run<ref::sha256>("4") >= 20);
}
TEST_CASE("RFC 8448 §5 HelloRetryRequest: message_hash transcript, reference backend") {
    CHECK(rfc8448::run<ref::sha256>("5") >= 15);
}
TEST_CASE("RFC 8448 §6 client authentication, reference backend") {
    CHECK(rfc8448::run<ref::sha256>("6") >= 15);
}
TEST_CASE("RFC 8448 §7 compatibility mode, reference backend") {
    CHECK(rfc8448::run<ref::sha256>("7") >= 15);
}
TEST_CASE("RFC 8448: every printed HkdfLabel and HKDF-Expand-Label output, reference backend") {
    CHECK(rfc8448::check_all_expand_steps<ref::sha256>() >= 40);
}

}  // namespace tests_schedule_rfc8448
