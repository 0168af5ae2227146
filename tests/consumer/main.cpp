// Built by tests/consumer/run.cmake against an installed (or add_subdirectory'd) tlswire.
#include <tlswire/tlswire.hpp>

#include <array>
#include <cstdint>

int main() {
    static constexpr std::array<std::uint8_t, 3> bytes{0x00, 0x01, 0x2a};
    tlswire::error e;
    tlswire::reader r(bytes, e);
    auto body = r.prefixed(2, 1, 0xffff, "body");
    const auto v = body.u8("value");
    body.expect_end("body");
    return (r.ok() && v == 0x2a) ? 0 : 1;
}
