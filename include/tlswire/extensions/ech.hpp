// tlswire/extensions/ech.hpp — encrypted_client_hello (0xfe0d),
// ech_outer_extensions (0xfd00) and ECHConfigList, draft-ietf-tls-esni
// (editor's copy in the reference set; section numbers are the draft's).
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// draft-ietf-tls-esni §4:
//   struct { HpkeKdfId kdf_id; HpkeAeadId aead_id; } HpkeSymmetricCipherSuite;
// (uint16 each, RFC 9180 registries).
struct hpke_symmetric_cipher_suite {
    static constexpr std::string_view wire_name = "HpkeSymmetricCipherSuite";
    static constexpr std::size_t fixed_size = 4;
    std::uint16_t kdf_id = 0;
    std::uint16_t aead_id = 0;

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("kdf_id", self.kdf_id);
        io("aead_id", self.aead_id);
    }
};

// draft-ietf-tls-esni §4:
//   opaque HpkePublicKey<1..2^16-1>;
//   struct {
//       uint8 config_id;
//       HpkeKemId kem_id;
//       HpkePublicKey public_key;
//       HpkeSymmetricCipherSuite cipher_suites<4..2^16-4>;
//   } HpkeKeyConfig;
struct hpke_key_config {
    static constexpr std::string_view wire_name = "HpkeKeyConfig";
    std::uint8_t config_id = 0;
    std::uint16_t kem_id = 0;
    bytes_view public_key{};
    list_of<hpke_symmetric_cipher_suite> cipher_suites{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("config_id", self.config_id);
        io("kem_id", self.kem_id);
        io("public_key", self.public_key, opaque<2, 1, 0xffff>{});
        io("cipher_suites", self.cipher_suites, vec<2, 4, 0xfffc>{});
    }
};

// draft-ietf-tls-esni §4:
//   struct { ECHConfigExtensionType type; opaque data<0..2^16-1>; } ECHConfigExtension;
struct ech_config_extension {
    static constexpr std::string_view wire_name = "ECHConfigExtension";
    std::uint16_t type = 0;
    bytes_view data{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("type", self.type);
        io("data", self.data, opaque<2, 0, 0xffff>{});
    }
};

// draft-ietf-tls-esni §4:
//   struct {
//       HpkeKeyConfig key_config;
//       uint8 maximum_name_length;
//       opaque public_name<1..255>;
//       ECHConfigExtension extensions<0..2^16-1>;
//   } ECHConfigContents;
struct ech_config_contents {
    static constexpr std::string_view wire_name = "ECHConfigContents";
    hpke_key_config key_config{};
    std::uint8_t maximum_name_length = 0;
    bytes_view public_name{};
    list_of<ech_config_extension> extensions{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("key_config", self.key_config);
        io("maximum_name_length", self.maximum_name_length);
        io("public_name", self.public_name, text<opaque<1, 1, 0xff>>{});
        io("extensions", self.extensions, vec<2, 0, 0xffff>{});
    }
    [[nodiscard]] std::string_view public_name_text() const noexcept { return as_text(public_name); }
};

// The ECHConfig version this draft defines (the extension's code point).
inline constexpr std::uint16_t ech_version_draft = 0xfe0d;

// draft-ietf-tls-esni §4:
//   struct {
//       uint16 version;
//       uint16 length;
//       select (ECHConfig.version) { case 0xfe0d: ECHConfigContents contents; }
//   } ECHConfig;
// "Clients MUST ignore any ECHConfig structure with a version they do not
// support": `length` lets them skip it, so another version's contents are
// kept as raw bytes (`unknown_contents`), never rejected.
struct ech_config {
    static constexpr std::string_view wire_name = "ECHConfig";
    std::uint16_t version = 0;
    ech_config_contents contents{};
    bytes_view unknown_contents{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("version", self.version);
        if (self.version == ech_version_draft) io("contents", self.contents, nested<2, 0, 0xffff>{});
        else io("contents", self.unknown_contents, opaque<2, 0, 0xffff>{});
    }
};

// draft-ietf-tls-esni §4: ECHConfig ECHConfigList<4..2^16-1>;
// Parse one (from DNS HTTPS records or retry_configs) with
// parse<ech_config_list>(bytes).
struct ech_config_list {
    static constexpr std::string_view wire_name = "ECHConfigList";
    list_of<ech_config> configs{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("configs", self.configs, vec<2, 4, 0xffff>{}); }
};

// draft-ietf-tls-esni §5: enum { outer(0), inner(1) } ECHClientHelloType;
enum class ech_client_hello_type : std::uint8_t { outer = 0, inner = 1 };

[[nodiscard]] constexpr std::string_view to_string(ech_client_hello_type t) noexcept {
    switch (t) {
        case ech_client_hello_type::outer: return "outer";
        case ech_client_hello_type::inner: return "inner";
    }
    return {};
}

// draft-ietf-tls-esni §5:
//   struct {
//      ECHClientHelloType type;
//      select (ECHClientHello.type) {
//          case outer:
//              HpkeSymmetricCipherSuite cipher_suite;
//              uint8 config_id;
//              opaque enc<0..2^16-1>;
//              opaque payload<1..2^16-1>;
//          case inner:
//              Empty;
//      };
//   } ECHClientHello;
// Any other type has no defined body: illegal_value. GREASE ECH (§6.2) is an
// outer ECHClientHello with random contents and parses as one.
struct encrypted_client_hello_client_hello {
    static constexpr std::string_view wire_name = "encrypted_client_hello";
    static constexpr extension_type type = extension_type::encrypted_client_hello;
    ech_client_hello_type ech_type{};
    hpke_symmetric_cipher_suite cipher_suite{};
    std::uint8_t config_id = 0;
    bytes_view enc{};
    bytes_view payload{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("type", self.ech_type);
        if (self.ech_type == ech_client_hello_type::outer) {
            io("cipher_suite", self.cipher_suite);
            io("config_id", self.config_id);
            io("enc", self.enc, opaque<2, 0, 0xffff>{});
            io("payload", self.payload, opaque<2, 1, 0xffff>{});
        } else if (self.ech_type != ech_client_hello_type::inner) {
            io.check(false, errc::illegal_value, "type", at);
        }
    }
};

// draft-ietf-tls-esni §5: struct { ECHConfigList retry_configs; } ECHEncryptedExtensions;
struct encrypted_client_hello_encrypted_extensions {
    static constexpr std::string_view wire_name = "encrypted_client_hello";
    static constexpr extension_type type = extension_type::encrypted_client_hello;
    list_of<ech_config> retry_configs{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("retry_configs", self.retry_configs, vec<2, 4, 0xffff>{});
    }
};

// draft-ietf-tls-esni §5: struct { opaque confirmation[8]; } ECHHelloRetryRequest;
struct encrypted_client_hello_hello_retry_request {
    static constexpr std::string_view wire_name = "encrypted_client_hello";
    static constexpr extension_type type = extension_type::encrypted_client_hello;
    bytes_view confirmation{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("confirmation", self.confirmation, fixed<8>{}); }
};

// draft-ietf-tls-esni §5.1: ExtensionType OuterExtensions<2..254>;
// Only in an EncodedClientHelloInner (a ClientHello as far as the block is
// concerned). §5.1: the server aborts with illegal_parameter if "Any
// extension is referenced in OuterExtensions more than once" or
// ""encrypted_client_hello" is referenced in OuterExtensions" — both checked
// in strict mode (at the list).
struct ech_outer_extensions_client_hello {
    static constexpr std::string_view wire_name = "ech_outer_extensions";
    static constexpr extension_type type = extension_type::ech_outer_extensions;
    list_of<extension_type> outer_extensions{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("outer_extensions", self.outer_extensions, vec<1, 2, 0xfe>{});
        if constexpr (detail::parsing_io<decltype(io)>)
            if (io.ok() && io.strict()) {
                detail::u16_set seen;
                bool good = true;
                for (extension_type t : self.outer_extensions)
                    good = good && t != extension_type::encrypted_client_hello &&
                           seen.insert(static_cast<std::uint16_t>(t));
                io.check(good, errc::illegal_value, "outer_extensions", at);
            }
    }
};

}  // namespace tlswire
