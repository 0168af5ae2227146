// The doctest runner for every tlswire test (tests/<layer>/, tests/vectors, tests/constexpr).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
