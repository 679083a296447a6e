#include "cli/app.hpp"

int main(int argc, char** argv) { return r1tag::cli::run_main(argc, argv); }
