# One INTERFACE target carries the project's compile settings; r1tag targets link it PRIVATE so
# dependencies never inherit our warnings or sanitizers.
add_library(r1tag_options INTERFACE)
target_compile_features(r1tag_options INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(r1tag_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
  if(R1TAG_WARNINGS_AS_ERRORS)
    target_compile_options(r1tag_options INTERFACE -Werror)
  endif()
  if(R1TAG_SANITIZE)
    set(_r1tag_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_compile_options(r1tag_options INTERFACE ${_r1tag_san})
    target_link_options(r1tag_options INTERFACE ${_r1tag_san})
  endif()
  target_compile_definitions(r1tag_options INTERFACE $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)
endif()
