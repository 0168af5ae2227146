// tlswire/dtls.hpp — DTLS 1.0, 1.2 and 1.3: records (and DTLS 1.3 unified
// headers, record number encryption, ACK), handshake fragments,
// the DTLS ClientHello and HelloVerifyRequest, fragment reassembly, and the
// connection decoder over datagrams (with keys from a key log), bare
// messages, and telling DTLS by its first bytes.
#pragma once

#include "tlswire/dtls/client_hello.hpp"
#include "tlswire/dtls/handshake.hpp"
#include "tlswire/dtls/hello_verify_request.hpp"
#include "tlswire/dtls/message.hpp"
#include "tlswire/dtls/reassembler.hpp"
#include "tlswire/dtls/record.hpp"
// DTLS 1.3 (RFC 9147)
#include "tlswire/dtls/ack.hpp"
#include "tlswire/dtls/record_number_encryption.hpp"
#include "tlswire/dtls/unified_header.hpp"
// Decoding a connection
#include "tlswire/dtls/connection.hpp"
#include "tlswire/dtls/connection_keys.hpp"
#include "tlswire/dtls/event.hpp"
#include "tlswire/dtls/replay_window.hpp"
#include "tlswire/dtls/sequence_number.hpp"
#include "tlswire/dtls/transcript.hpp"
// Reading DTLS found elsewhere
#include "tlswire/dtls/bare_messages.hpp"
#include "tlswire/dtls/detect.hpp"
