// tools/tlswire/main.cpp — the `tlswire` command-line tool.
// Everything is in cli.cpp and friends (a library the tests call directly).
#include <iostream>

#include "cli.hpp"

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    return tlswire::cli::run(argc, argv, std::cin, std::cout, std::cerr);
}
