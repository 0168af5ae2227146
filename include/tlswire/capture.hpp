// tlswire/capture.hpp — capture files: pcap and pcapng packets and secrets,
// the TCP segment or UDP datagram of each packet, the TCP connections rebuilt
// from them, and the DTLS flows.
#pragma once

#include "tlswire/capture/file.hpp"
#include "tlswire/capture/packet.hpp"
#include "tlswire/capture/tcp_stream.hpp"
#include "tlswire/capture/udp_flows.hpp"
#include "tlswire/capture/connections.hpp"
