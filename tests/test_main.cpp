// Catch2 v2 needs its main() compiled exactly once.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
