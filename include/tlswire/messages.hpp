// tlswire/messages.hpp — every handshake message, the record layer and reassembly.
#pragma once

#include "tlswire/messages/certificate.hpp"
#include "tlswire/messages/certificate_request.hpp"
#include "tlswire/messages/certificate_status.hpp"
#include "tlswire/messages/certificate_url.hpp"
#include "tlswire/messages/certificate_verify.hpp"
#include "tlswire/messages/compressed_certificate.hpp"
#include "tlswire/messages/encrypted_extensions.hpp"
#include "tlswire/messages/finished.hpp"
#include "tlswire/messages/handshake.hpp"
#include "tlswire/messages/hello.hpp"
#include "tlswire/messages/key_exchange.hpp"
#include "tlswire/messages/new_session_ticket.hpp"
#include "tlswire/messages/reassembler.hpp"
#include "tlswire/messages/record.hpp"
#include "tlswire/messages/simple.hpp"
#include "tlswire/messages/supplemental_data.hpp"
