// tlswire/print.hpp — the printer: any parsed structure as JSON or as an
// indented text tree, over the codec's field visitor. Not included by the
// umbrella header (it uses std::string); include it where you print.
#pragma once

#include "tlswire/print/fields.hpp"
#include "tlswire/print/json.hpp"
#include "tlswire/print/message.hpp"
#include "tlswire/print/sink.hpp"
#include "tlswire/print/text.hpp"
