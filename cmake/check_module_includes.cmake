# Fails when a file of one stage folder under src/ includes a folder it may not use, or another
# folder's internal header. Run by the build (cmake -P) before each stage library compiles, so a
# wrong include stops the build with a message naming the file, the include and the rule.
#
# Inputs (-D): MODULE (folder name), FILES (its .cc/.h files; lists joined by '|'), ALLOWED (folders it may
# include), PUBLIC (the headers other folders may include, "folder/header.h", or "folder/*"),
# STAMP (file written when every include is allowed), NAMESPACE (optional: every namespace of the
# project the folder's non-test files open must be entangle::NAMESPACE or one inside it).
cmake_minimum_required(VERSION 3.25)  # IN_LIST
foreach(list_var FILES ALLOWED PUBLIC)
  string(REPLACE "|" ";" ${list_var} "${${list_var}}")
endforeach()
set(errors "")
foreach(file IN LISTS FILES)
  if(file MATCHES "_test\\.cc$")
    continue()  # test code compiles into entangle_tests, beside tests/support
  endif()
  if(NAMESPACE)
    # One namespace per stage (docs/architecture.md): `namespace entangle {` or another stage's
    # namespace in this folder is refused; nested and anonymous namespaces are the folder's own.
    file(STRINGS "${file}" opened REGEX "^[ \t]*namespace[ \t]+entangle[a-z_:]*[ \t]*{")
    foreach(line IN LISTS opened)
      string(REGEX MATCH "entangle[a-z_:]*" name "${line}")
      if(NOT name STREQUAL "entangle::${NAMESPACE}" AND NOT name MATCHES "^entangle::${NAMESPACE}::")
        string(APPEND errors "${file}: ${MODULE}/ opens namespace ${name}, but its code belongs in "
                             "entangle::${NAMESPACE} (one namespace per stage, docs/architecture.md)\n")
      endif()
    endforeach()
  endif()
  file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"[a-z_]+/")
  foreach(line IN LISTS lines)
    string(REGEX MATCH "\"([a-z_]+)/([^\"]+)\"" _ "${line}")
    set(folder "${CMAKE_MATCH_1}")
    set(header "${CMAKE_MATCH_1}/${CMAKE_MATCH_2}")
    if(folder STREQUAL MODULE)
      continue()
    endif()
    if(NOT folder IN_LIST ALLOWED)
      string(REPLACE ";" " " allowed_text "${ALLOWED}")
      string(APPEND errors "${file}: ${MODULE}/ includes ${header}, but ${MODULE}/ may only "
                           "include: ${allowed_text} (the stage order in docs/architecture.md)\n")
    elseif(NOT header IN_LIST PUBLIC AND NOT "${folder}/*" IN_LIST PUBLIC)
      string(APPEND errors "${file}: ${MODULE}/ includes ${header}, an internal header of "
                           "${folder}/ (its public headers are listed in CMakeLists.txt)\n")
    endif()
  endforeach()
endforeach()
if(errors)
  message(FATAL_ERROR "Stage boundary crossed (an include or a namespace):\n${errors}")
endif()
file(WRITE "${STAMP}" "ok\n")
