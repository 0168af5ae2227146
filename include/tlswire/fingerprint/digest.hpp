// tlswire/fingerprint/digest.hpp — hashing a fingerprint's text as it is
// written: JA3 is the MD5 of its string, JA4's b and c parts the SHA-256 of
// theirs (truncated). The hashes are the constexpr reference backend's
// (crypto/reference), so fingerprints can be stated in static_assert; the
// text is never stored, so the hash is exact however long it is.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tlswire/crypto/reference/md5.hpp"
#include "tlswire/crypto/reference/sha256.hpp"
#include "tlswire/fingerprint/text.hpp"
#include "tlswire/wire/bytes.hpp"

namespace tlswire::detail {

// digest_writer<Hash> — an "out" callable (text.hpp) that hashes what it is
// given. Characters are staged in a block-sized buffer and handed to the
// hash a block at a time (a char* cannot be viewed as bytes in constant
// evaluation, so each character is converted on the way in).
template <class Hash>
class digest_writer {
public:
    constexpr void operator()(std::string_view s) noexcept {
        written_ += s.size();
        while (!s.empty()) {
            const std::size_t room = buf_.size() - n_;
            const std::size_t take = s.size() < room ? s.size() : room;
            for (std::size_t i = 0; i < take; ++i) buf_[n_ + i] = static_cast<std::uint8_t>(s[i]);
            n_ += take;
            s.remove_prefix(take);
            if (n_ == buf_.size()) flush();
        }
    }
    // written — how many characters were hashed so far.
    [[nodiscard]] constexpr std::size_t written() const noexcept { return written_; }
    // digest — the hash of everything written (call once).
    [[nodiscard]] constexpr std::array<std::uint8_t, Hash::digest_size> digest() noexcept {
        flush();
        return Hash::final(state_);
    }

private:
    constexpr void flush() noexcept {
        Hash::update(state_, bytes_view(buf_.data(), n_));
        n_ = 0;
    }
    typename Hash::state state_ = Hash::init();
    std::array<std::uint8_t, Hash::block_size> buf_{};
    std::size_t n_ = 0;
    std::size_t written_ = 0;
};

// write_hex(digest, chars, out) — the first `chars` lowercase hex digits of
// `digest` ("All sha256 functions must output in lower case", JA4.md).
template <std::size_t D, class Out>
constexpr void write_hex(const std::array<std::uint8_t, D>& digest, std::size_t chars, Out&& out) {
    std::array<char, 2 * D> hex{};
    for (std::size_t i = 0; i < D; ++i) {
        hex[2 * i] = hex_digits[digest[i] >> 4];
        hex[2 * i + 1] = hex_digits[digest[i] & 0xf];
    }
    out(std::string_view(hex.data(), chars < 2 * D ? chars : 2 * D));
}

}  // namespace tlswire::detail
