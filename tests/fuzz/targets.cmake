# The fuzz targets, each with the one library it links (its layer's, so a
# target cannot lean on code above the module it tests). Read by
# tests/fuzz/CMakeLists.txt (libFuzzer programs, NEWSDESK_FUZZ) and by
# tests/CMakeLists.txt (the replay tests, every build); scripts/fuzz.sh
# takes its target names from here.
set(NEWSDESK_FUZZ_TARGETS
  frontmatter:nd_model
  cache:nd_model
  query:nd_model
  story:nd_model
  sanitize:nd_base
  html:nd_net
  journal:nd_write
  readstate:nd_write
  edit:nd_write
  config:nd_present
  theme:nd_present)
