# Declarative target helpers in the shape of abseil's absl_cc_library:
#   tb_library(NAME notices SRCS a.cc b.cc DEPS tb::core PUBLIC_LIBS ... PRIVATE_LIBS ...)
#   tb_test(NAME notices_test SRCS a_test.cc DEPS tb::notices)
#   tb_benchmark(NAME import_benchmark SRCS import_benchmark.cc DEPS tb::notices)

set(TB_WARNINGS -Wall -Wextra -Wpedantic)
if(TB_WERROR)
  list(APPEND TB_WARNINGS -Werror)
endif()
if(TB_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

function(tb_library)
  cmake_parse_arguments(TB "" "NAME" "SRCS;DEPS;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  add_library(tb_${TB_NAME} STATIC ${TB_SRCS})
  add_library(tb::${TB_NAME} ALIAS tb_${TB_NAME})
  target_include_directories(tb_${TB_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(tb_${TB_NAME} PRIVATE ${TB_WARNINGS})
  target_link_libraries(tb_${TB_NAME} PUBLIC ${TB_DEPS} ${TB_PUBLIC_LIBS} PRIVATE ${TB_PRIVATE_LIBS})
endfunction()

function(tb_test)
  cmake_parse_arguments(TB "" "NAME" "SRCS;DEPS;LABELS" ${ARGN})
  if(NOT TB_BUILD_TESTS)
    return()
  endif()
  add_executable(${TB_NAME} ${TB_SRCS})
  target_compile_options(${TB_NAME} PRIVATE ${TB_WARNINGS})
  target_link_libraries(${TB_NAME} PRIVATE ${TB_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  include(GoogleTest)
  gtest_discover_tests(${TB_NAME} DISCOVERY_TIMEOUT 60
    TEST_LIST ${TB_NAME}_tests
    PROPERTIES ENVIRONMENT "TB_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  # PROPERTIES cannot carry a list (the ';' is lost in the generated discovery script), so
  # the labels are set by a script that ctest includes after discovery.
  set(labels_file ${CMAKE_CURRENT_BINARY_DIR}/${TB_NAME}_labels.cmake)
  # Suites of the wiring layers (app/, http/) are also labelled "wiring": the sanitizer stage
  # of scripts/test-all leaves them to the release suites and the fuzz targets (CI budget).
  if(CMAKE_CURRENT_SOURCE_DIR MATCHES "/src/(app|http)$")
    list(APPEND TB_LABELS wiring)
  endif()
  file(WRITE ${labels_file}
    "set_tests_properties(\${${TB_NAME}_tests} PROPERTIES LABELS \"${TB_LABELS};unit\")\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${labels_file})
endfunction()

function(tb_benchmark)
  cmake_parse_arguments(TB "" "NAME" "SRCS;DEPS" ${ARGN})
  find_package(benchmark REQUIRED)
  add_executable(${TB_NAME} ${TB_SRCS})
  target_compile_options(${TB_NAME} PRIVATE ${TB_WARNINGS})
  target_link_libraries(${TB_NAME} PRIVATE ${TB_DEPS} benchmark::benchmark)
endfunction()

# The production binaries allocate with mimalloc (Debian's libmimalloc-dev) instead of glibc's
# malloc: the import writer and the JSON-heavy request paths spend a fifth of their time in
# malloc/free (perf), and mimalloc took 20 % off the import writer's CPU (docs/benchmarks.md).
# Linked, it replaces malloc for the whole process. Not under the sanitizers, which bring
# their own allocator.
function(tb_use_mimalloc target)
  if(TB_SANITIZE)
    return()
  endif()
  find_library(TB_MIMALLOC_LIBRARY NAMES mimalloc)
  if(NOT TB_MIMALLOC_LIBRARY)
    message(FATAL_ERROR "libmimalloc not found: run scripts/bootstrap (apt-get install libmimalloc-dev)")
  endif()
  target_link_libraries(${target} PRIVATE ${TB_MIMALLOC_LIBRARY})
endfunction()
