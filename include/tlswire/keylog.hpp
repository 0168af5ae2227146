// tlswire/keylog.hpp — SSLKEYLOGFILE (RFC 9850): its lines, and the secrets
// of one connection.
#pragma once

#include "tlswire/keylog/line.hpp"
#include "tlswire/keylog/secrets.hpp"
