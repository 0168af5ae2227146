// tlswire/decryption.hpp — decoding a connection with its keys: the record
// keys of a key log, following the handshake.
#pragma once

#include "tlswire/decryption/connection_keys.hpp"
