// tlswire/extensions/empty.hpp — extensions whose extension_data is always empty.
#pragma once

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// RFC 6066 §5: client_certificate_url — "The "extension_data" field of this
// extension SHALL be empty" (ClientHello and ServerHello).
using client_certificate_url_extension = empty_extension<extension_type::client_certificate_url>;
// RFC 6066 §7: truncated_hmac — empty extension_data both ways.
using truncated_hmac_extension = empty_extension<extension_type::truncated_hmac>;
// RFC 7366 §2: encrypt_then_mac — "The "extension_data" field of this
// extension SHALL be empty" (client and server).
using encrypt_then_mac_extension = empty_extension<extension_type::encrypt_then_mac>;
// RFC 7627 §5.1: extended_main_secret (extended_master_secret) — "The
// "extension_data" field of this extension is empty."
using extended_main_secret_extension = empty_extension<extension_type::extended_main_secret>;
// RFC 8446 §4.2.6: post_handshake_auth — "The "extension_data" field of the
// "post_handshake_auth" extension is zero length."
using post_handshake_auth_extension = empty_extension<extension_type::post_handshake_auth>;

}  // namespace tlswire
