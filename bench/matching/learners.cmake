# The ranking learners and the paired randomisation test of ranking_eval, with their unit test.
# Included by bench/matching/CMakeLists.txt and, when tests are built, by the top-level list,
# so `make test` runs ranking_learners_test without building the benchmarks.
if(NOT TARGET tb_ranking_learners)
  add_library(tb_ranking_learners STATIC ${CMAKE_CURRENT_LIST_DIR}/ranking_metrics.cc
    ${CMAKE_CURRENT_LIST_DIR}/pairwise_logistic.cc ${CMAKE_CURRENT_LIST_DIR}/randomisation_test.cc)
  target_compile_options(tb_ranking_learners PRIVATE ${TB_WARNINGS})
  target_include_directories(tb_ranking_learners PUBLIC ${CMAKE_CURRENT_LIST_DIR})
  target_link_libraries(tb_ranking_learners PUBLIC tb::matching)
  tb_test(NAME ranking_learners_test SRCS ${CMAKE_CURRENT_LIST_DIR}/ranking_learners_test.cc
    DEPS tb_ranking_learners LABELS matching)
endif()
