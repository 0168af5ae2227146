// tlswire/wire.hpp — the byte layer: errors, reader, writer.
#pragma once

#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"
#include "tlswire/wire/reader.hpp"
#include "tlswire/wire/writer.hpp"
