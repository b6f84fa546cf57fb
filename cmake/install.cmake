# Installation and the Debian package: `cmake --install build [--prefix DIR]` puts `entangle` in
# DIR/bin and what it ships (studies, risk registry, vocabulary, exchange rates, labs, the
# bundled sample, each with its provenance README) in DIR/share/entangle, where the installed binary looks
# for them (src/common/shipped_file.h); the docs go to DIR/share/doc/entangle.
# `cpack --config build/CPackConfig.cmake` (or scripts/package.sh) writes a .deb whose
# dependencies dpkg-shlibdeps reads off the binary.
include(GNUInstallDirs)
if(TARGET entangle)
  install(TARGETS entangle RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(DIRECTORY studies DESTINATION ${CMAKE_INSTALL_DATADIR}/entangle)
install(DIRECTORY data/registry data/risk data/vocab data/rates data/labs data/sample DESTINATION ${CMAKE_INSTALL_DATADIR}/entangle/data
        PATTERN "tools" EXCLUDE)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "entangle")
set(CPACK_PACKAGE_VENDOR "entangle")
set(CPACK_PACKAGE_CONTACT "entangle maintainers <entangle@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Maps research, investment and lab ties between two regions in a technology field, with their risk evidence")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "entangle")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)  # the RelWithDebInfo binary is ~160 MB with its debug information
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
