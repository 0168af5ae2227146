// tlswire/capture.hpp — capture files: pcap and pcapng packets and secrets,
// the TCP segment of each packet, and the TCP connections rebuilt from them.
#pragma once

#include "tlswire/capture/file.hpp"
#include "tlswire/capture/packet.hpp"
#include "tlswire/capture/tcp_stream.hpp"
#include "tlswire/capture/connections.hpp"
