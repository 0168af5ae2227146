// tlswire/messages/key_exchange.hpp — ServerKeyExchange and ClientKeyExchange.
//
// Their bodies depend on the negotiated cipher suite's key exchange, which the
// context supplies (context::cipher_suite); without it a strict parse fails
// with errc::unsupported rather than guess.
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/registry/cipher_suite.hpp"
#include "tlswire/registry/ec_curve_type.hpp"
#include "tlswire/registry/handshake_type.hpp"
#include "tlswire/registry/named_group.hpp"
#include "tlswire/registry/signature_scheme.hpp"

namespace tlswire {

// key_exchange_of(ctx) — the key exchange of the context's cipher suite.
[[nodiscard]] constexpr key_exchange_algorithm key_exchange_of(const context& ctx) noexcept {
    const auto suite = negotiated_suite(ctx.cipher_suite);
    return suite ? suite->key_exchange : key_exchange_algorithm::null;
}

namespace detail {
using kx = key_exchange_algorithm;
[[nodiscard]] constexpr bool is_dh(kx k) noexcept {
    return k == kx::dhe_dss || k == kx::dhe_rsa || k == kx::dh_anon || k == kx::dhe_dss_export ||
           k == kx::dhe_rsa_export || k == kx::dh_anon_export || k == kx::dhe_psk || k == kx::dh_dss ||
           k == kx::dh_rsa || k == kx::dh_dss_export || k == kx::dh_rsa_export;
}
[[nodiscard]] constexpr bool is_ecdh(kx k) noexcept {
    return k == kx::ecdhe_ecdsa || k == kx::ecdhe_rsa || k == kx::ecdh_anon || k == kx::ecdhe_psk ||
           k == kx::ecdh_ecdsa || k == kx::ecdh_rsa;
}
[[nodiscard]] constexpr bool is_psk(kx k) noexcept {
    return k == kx::psk || k == kx::dhe_psk || k == kx::rsa_psk || k == kx::ecdhe_psk;
}
[[nodiscard]] constexpr bool is_srp(kx k) noexcept {
    return k == kx::srp_sha || k == kx::srp_sha_rsa || k == kx::srp_sha_dss;
}
// RFC 5246 §7.4.3, RFC 8422 §5.4, RFC 5054 §2.8: which ServerKeyExchanges carry a signature.
[[nodiscard]] constexpr bool ske_is_signed(kx k) noexcept {
    return k == kx::dhe_dss || k == kx::dhe_rsa || k == kx::dhe_dss_export || k == kx::dhe_rsa_export ||
           k == kx::ecdhe_ecdsa || k == kx::ecdhe_rsa || k == kx::rsa_export || k == kx::srp_sha_rsa ||
           k == kx::srp_sha_dss;
}
}  // namespace detail

// RFC 5246 §7.4.3: struct { opaque dh_p<1..2^16-1>; opaque dh_g<1..2^16-1>; opaque dh_Ys<1..2^16-1>; } ServerDHParams;
struct server_dh_params {
    static constexpr std::string_view wire_name = "ServerDHParams";
    bytes_view dh_p{}, dh_g{}, dh_Ys{};
    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("dh_p", self.dh_p, opaque<2, 1, 0xffff>{});
        io("dh_g", self.dh_g, opaque<2, 1, 0xffff>{});
        io("dh_Ys", self.dh_Ys, opaque<2, 1, 0xffff>{});
    }
};

// RFC 4492 §5.4 (explicit curves, deprecated by RFC 8422 §5.4) and RFC 8422 §5.4:
//   struct {
//       ECCurveType curve_type;
//       select (curve_type) {
//           case explicit_prime: opaque prime_p<1..2^8-1>; ECCurve curve; ECPoint base;
//                                opaque order<1..2^8-1>; opaque cofactor<1..2^8-1>;
//           case explicit_char2: uint16 m; ECBasisType basis;
//                                select (basis) { case ec_trinomial: opaque k<1..2^8-1>;
//                                                 case ec_pentanomial: opaque k1, k2, k3 <1..2^8-1>; };
//                                ECCurve curve; ECPoint base; opaque order<1..2^8-1>; opaque cofactor<1..2^8-1>;
//           case named_curve:    NamedCurve namedcurve;
//       };
//   } ECParameters;
//   struct { opaque a<1..2^8-1>; opaque b<1..2^8-1>; } ECCurve;   struct { opaque point<1..2^8-1>; } ECPoint;
// Strict parsing accepts only named_curve (RFC 8422 §5.4); lenient reads the explicit forms too.
struct ec_parameters {
    static constexpr std::string_view wire_name = "ECParameters";
    ec_curve_type curve_type{};
    named_group namedcurve{};
    bytes_view prime_p{};
    std::uint16_t m = 0;
    std::uint8_t basis = 0;  // RFC 4492: ec_basis_trinomial(1), ec_basis_pentanomial(2)
    bytes_view k1{}, k2{}, k3{};
    bytes_view a{}, b{}, base{}, order{}, cofactor{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("curve_type", self.curve_type);
        if (self.curve_type == ec_curve_type::named_curve) {
            io("namedcurve", self.namedcurve);
            return;
        }
        const bool prime = self.curve_type == ec_curve_type::explicit_prime;
        const bool char2 = self.curve_type == ec_curve_type::explicit_char2;
        io.check(prime || char2, errc::illegal_value, "curve_type", at);
        io.check(!io.strict(), errc::illegal_value, "curve_type", at);
        using point = opaque<1, 1, 0xff>;
        if (prime) io("prime_p", self.prime_p, point{});
        if (char2) {
            io("m", self.m);
            const auto basis_at = io.mark();
            io("basis", self.basis);
            io.check(self.basis == 1 || self.basis == 2, errc::illegal_value, "basis", basis_at);
            io(self.basis == 1 ? "k" : "k1", self.k1, point{});
            if (self.basis == 2) {
                io("k2", self.k2, point{});
                io("k3", self.k3, point{});
            }
        }
        io("a", self.a, point{});
        io("b", self.b, point{});
        io("base", self.base, point{});
        io("order", self.order, point{});
        io("cofactor", self.cofactor, point{});
    }
};

// RFC 8422 §5.4: struct { ECParameters curve_params; ECPoint public; } ServerECDHParams;
struct server_ecdh_params {
    static constexpr std::string_view wire_name = "ServerECDHParams";
    ec_parameters curve_params{};
    bytes_view public_key{};  // "public" in the RFC
    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("curve_params", self.curve_params);
        io("public", self.public_key, opaque<1, 1, 0xff>{});
    }
};

// RFC 4346 §7.4.3 (export): struct { opaque rsa_modulus<1..2^16-1>; opaque rsa_exponent<1..2^16-1>; } ServerRSAParams;
struct server_rsa_params {
    static constexpr std::string_view wire_name = "ServerRSAParams";
    bytes_view rsa_modulus{}, rsa_exponent{};
    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("rsa_modulus", self.rsa_modulus, opaque<2, 1, 0xffff>{});
        io("rsa_exponent", self.rsa_exponent, opaque<2, 1, 0xffff>{});
    }
};

// RFC 5054 §2.8: struct { opaque srp_N<1..2^16-1>; opaque srp_g<1..2^16-1>;
//                         opaque srp_s<0..2^8-1>; opaque srp_B<1..2^16-1>; } ServerSRPParams;
struct server_srp_params {
    static constexpr std::string_view wire_name = "ServerSRPParams";
    bytes_view srp_N{}, srp_g{}, srp_s{}, srp_B{};
    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("srp_N", self.srp_N, opaque<2, 1, 0xffff>{});
        io("srp_g", self.srp_g, opaque<2, 1, 0xffff>{});
        io("srp_s", self.srp_s, opaque<1, 0, 0xff>{});
        io("srp_B", self.srp_B, opaque<2, 1, 0xffff>{});
    }
};

// RFC 5246 §7.4.3, RFC 4279 §2/§3/§4, RFC 5489 §2, RFC 8422 §5.4, RFC 5054 §2.8:
//   struct {
//       select (KeyExchangeAlgorithm) {
//           case dh_anon:      ServerDHParams params;
//           case dhe_dss/rsa:  ServerDHParams params; digitally-signed struct {...} signed_params;
//           case ec_diffie_hellman: ServerECDHParams params; Signature signed_params;  (ECDH_anon: unsigned)
//           case psk, rsa_psk: opaque psk_identity_hint<0..2^16-1>;
//           case dhe_psk:      opaque psk_identity_hint<0..2^16-1>; ServerDHParams params;
//           case ecdhe_psk:    opaque psk_identity_hint<0..2^16-1>; ServerECDHParams params;
//           case rsa (export): ServerRSAParams params; signed_params;
//           case srp:          ServerSRPParams params; (signed for SRP_SHA_RSA/DSS)
//       };
//   } ServerKeyExchange;
// Plain (non-export) RSA has no ServerKeyExchange: RFC 5246 and RFC 4346
// §7.4.3, "It is not legal to send the ServerKeyExchange message for the
// following key exchange methods: RSA"; a strict parse refuses it with
// errc::unexpected_message. Lenient reads it in RFC 2246 §7.4.3's form, whose
// `rsa` case covers RSA and RSA_EXPORT alike: "ServerRSAParams params;
// Signature signed_params;".
// The signature is digitally-signed (RFC 5246 §4.7): SignatureAndHashAlgorithm
// + opaque signature<0..2^16-1> in TLS 1.2, the signature alone in TLS 1.0/1.1.
// `params` holds the exact bytes the signature covers after the randoms
// (RFC 5246 §7.4.3: client_random + server_random + params).
struct server_key_exchange {
    static constexpr handshake_type msg_type = handshake_type::server_key_exchange;
    static constexpr std::string_view wire_name = "server_key_exchange";
    bytes_view psk_identity_hint{};
    server_dh_params dh{};
    server_ecdh_params ecdh{};
    server_rsa_params rsa{};
    server_srp_params srp{};
    signature_scheme algorithm{};
    bytes_view signature{};
    bytes_view params{};  // parse only: the signed parameter bytes

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        using detail::kx;
        const kx k = key_exchange_of(io.ctx());
        if (k == kx::null || k == kx::tls13 || k == kx::scsv) {
            io.check(false, errc::unsupported, "server_key_exchange", io.mark());
            return;
        }
        if constexpr (std::remove_cvref_t<decltype(io)>::parsing) {
            if (k == kx::rsa && io.strict()) {
                io.check(false, errc::unexpected_message, "server_key_exchange", io.mark());
                return;
            }
        }
        // RFC 4279 §5.1: identities and hints are character strings in UTF-8.
        if (detail::is_psk(k)) io("psk_identity_hint", self.psk_identity_hint, text<opaque<2, 0, 0xffff>>{});
        std::size_t params_start = 0;
        if constexpr (std::remove_cvref_t<decltype(io)>::parsing) params_start = io.in().position();
        if (detail::is_dh(k)) io("params", self.dh);
        else if (detail::is_ecdh(k)) io("params", self.ecdh);
        else if (k == kx::rsa || k == kx::rsa_export) io("params", self.rsa);
        else if (detail::is_srp(k)) io("params", self.srp);
        else if (!detail::is_psk(k)) io.check(false, errc::unsupported, "server_key_exchange", io.mark());
        if constexpr (std::remove_cvref_t<decltype(io)>::parsing) {
            const auto& r = io.in();
            self.params = r.all().subspan(params_start, r.position() - params_start);
        }
        if (detail::ske_is_signed(k) || k == kx::rsa) {
            if (!io.ctx().version_known() || io.ctx().version >= 0x0303) io("algorithm", self.algorithm);
            io("signature", self.signature, opaque<2, 0, 0xffff>{});
        }
    }
};

// RFC 5246 §7.4.7, RFC 4279 §2–§4, RFC 5489 §2, RFC 8422 §5.7, RFC 5054 §2.8:
//   struct {
//       select (KeyExchangeAlgorithm) {
//           case rsa:     EncryptedPreMasterSecret;               // opaque <0..2^16-1> from TLS 1.0 on
//           case dhe_*/dh_*/dh_anon: ClientDiffieHellmanPublic;   // implicit (empty) or opaque dh_Yc<1..2^16-1>
//           case ec_diffie_hellman: ClientECDiffieHellmanPublic;  // implicit (empty) or opaque ecdh_Yc<1..2^8-1>
//           case psk:     opaque psk_identity<0..2^16-1>;
//           case dhe_psk: psk_identity; ClientDiffieHellmanPublic;
//           case rsa_psk: psk_identity; EncryptedPreMasterSecret;
//           case ecdhe_psk: psk_identity; ClientECDiffieHellmanPublic;
//           case srp:     opaque srp_A<1..2^16-1>;
//       } exchange_keys;
//   } ClientKeyExchange;
// The implicit encodings (client certificate carries the fixed (EC)DH key) are
// an empty body, which an explicit value (length ≥ 1) cannot be confused with.
struct client_key_exchange {
    static constexpr handshake_type msg_type = handshake_type::client_key_exchange;
    static constexpr std::string_view wire_name = "client_key_exchange";
    bytes_view psk_identity{};
    bytes_view encrypted_pre_master_secret{};
    bytes_view dh_Yc{};
    bytes_view ecdh_Yc{};
    bytes_view srp_A{};
    bytes_view exchange_keys{};  // key exchanges without a defined structure (KRB5, GOST, ECCPWD): raw

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        using detail::kx;
        const kx k = key_exchange_of(io.ctx());
        if (k == kx::null || k == kx::tls13 || k == kx::scsv) {
            io.check(false, errc::unsupported, "client_key_exchange", io.mark());
            return;
        }
        if (detail::is_psk(k)) io("psk_identity", self.psk_identity, text<opaque<2, 0, 0xffff>>{});
        if (k == kx::psk) return;
        if (k == kx::rsa || k == kx::rsa_export || k == kx::rsa_psk) {
            // SSL 3.0 sent the encrypted secret without a length (RFC 6101 §5.6.7.1).
            if (io.ctx().version == 0x0300) io("encrypted_pre_master_secret", self.encrypted_pre_master_secret, rest{});
            else io("encrypted_pre_master_secret", self.encrypted_pre_master_secret, opaque<2, 0, 0xffff>{});
        } else if (detail::is_dh(k)) {
            if (!implicit(io, self.dh_Yc)) io("dh_Yc", self.dh_Yc, opaque<2, 1, 0xffff>{});
        } else if (detail::is_ecdh(k)) {
            if (!implicit(io, self.ecdh_Yc)) io("ecdh_Yc", self.ecdh_Yc, opaque<1, 1, 0xff>{});
        } else if (detail::is_srp(k)) {
            io("srp_A", self.srp_A, opaque<2, 1, 0xffff>{});
        } else {
            io("exchange_keys", self.exchange_keys, rest{});
        }
    }

private:
    // An empty body (or, when writing, an empty value) is the implicit form.
    static constexpr bool implicit(auto& io, bytes_view value) noexcept {
        if constexpr (std::remove_cvref_t<decltype(io)>::parsing) return io.at_end();
        else return value.empty();
    }
};

}  // namespace tlswire
