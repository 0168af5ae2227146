// tlswire/registry/psk_key_exchange_mode.hpp — PskKeyExchangeMode (RFC 8446 §4.2.9;
// transcribed from the RFC, no snapshot). GREASE values 0x0B, 0x2A, ... 0xE4
// (RFC 8701 §2) are recognised by is_grease.
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_PSK_KEY_EXCHANGE_MODE_LIST(X) \
    X(psk_ke, 0, "psk_ke") X(psk_dhe_ke, 1, "psk_dhe_ke")
// clang-format on

TLSWIRE_DEFINE_REGISTRY(psk_key_exchange_mode, std::uint8_t, TLSWIRE_PSK_KEY_EXCHANGE_MODE_LIST, grease_kind::psk_mode, "psk_key_exchange_mode");

}  // namespace tlswire
