// tests/keylog/keylog_support.hpp — RFC 8448 §3's ClientHello.random and
// secrets (also in tests/constexpr/schedule_rfc8448_test.cpp), and key log
// lines made of them.
#pragma once

#include <string>
#include <string_view>

namespace keylog_test {

constexpr std::string_view cr = "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7";
constexpr std::string_view c_hs = "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21";
constexpr std::string_view s_hs = "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38";
constexpr std::string_view c_ap = "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5";
constexpr std::string_view s_ap = "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643";

// line(label, random, secret) — one key log line, without its terminator.
inline std::string line(std::string_view l, std::string_view random, std::string_view secret) {
    return std::string(l) + " " + std::string(random) + " " + std::string(secret);
}

}  // namespace keylog_test
