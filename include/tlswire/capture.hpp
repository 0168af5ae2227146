// tlswire/capture.hpp — capture files: pcap and pcapng packets and secrets,
// and the TCP segment of each packet.
#pragma once

#include "tlswire/capture/file.hpp"
#include "tlswire/capture/packet.hpp"
