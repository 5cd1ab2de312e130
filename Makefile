# zi: build, test, demo, bench, install. Binaries go to build/ (build/asan/ for
# the sanitizer build that `make check` runs second).

VERSION   = 0.1.0
PREFIX   ?= /usr/local
DESTDIR  ?=
B        ?= build
CC       ?= cc
OPT      ?= -O2 -g
SAN      ?=
CFLAGS_ALL = -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter \
             $(OPT) $(SAN) -Ilib -I$(B) -DZI_VERSION='"$(VERSION)"' \
             -DZI_LOCALEDIR='"$(PREFIX)/share/locale"' \
             $(shell pkg-config --cflags jansson libcrypto libzip libxml-2.0 xlsxwriter 2>/dev/null) $(CFLAGS)
LDLIBS_ALL = -lcsv $(shell pkg-config --libs jansson libcrypto libzip libxml-2.0 2>/dev/null || echo -ljansson -lcrypto -lzip -lxml2) \
             $(shell pkg-config --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter -lz) -lm $(LDLIBS)

CMDS     = $(patsubst bin/%.c,%,$(wildcard bin/zi-*.c))
LIB_SRC  = $(wildcard lib/*.c)
LIB_OBJ  = $(LIB_SRC:lib/%.c=$(B)/obj/%.o) $(B)/obj/embedded.o
SCHEMAS  = $(shell find schemas -name '*.json' | sort)
BINS     = $(CMDS:%=$(B)/%)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
MO       = $(B)/locale/id/LC_MESSAGES/zi.mo

DEBS = libcsv-dev libjansson-dev libcmocka-dev libssl-dev pkg-config gettext strace libxlsxwriter-dev libzip-dev libxml2-dev python3-openpyxl clang-format

# What the tests use to make and read files with programs other than zi;
# installed by make check when missing, and a test that needs one skips with
# a message when it cannot be installed.
TEST_DEBS = python3-openpyxl libreoffice-calc-nogui poppler-utils chromium nodejs npm

# The browser test of the transparency site (tests/cli/scripts/site-browser.sh)
# drives Chromium with the npm packages of tests/browser/package-lock.json,
# installed here into build/npm (never committed); the test skips, saying so,
# when they cannot be installed.
NPM_DIR = build/npm

.PHONY: pot test-threads all deps test-deps browser-deps check check-build test demo bench install clean valgrind \
	fuzz fuzz-build fuzz-deps format format-check

all: $(BINS) $(MO)

# Installs the Debian packages that are missing (as root, or with sudo).
deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then s=; else s=sudo; fi; \
	  $$s apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$s apt-get install -y -qq $$missing >/dev/null; \
	fi

# node and npm count as there when their commands are (a machine may have
# them from NodeSource, whose nodejs conflicts with Debian's npm); when the
# packages cannot go in together, each is tried alone, so one that cannot be
# installed does not keep the others out.
test-deps:
	@missing=""; for p in $(TEST_DEBS); do \
	  case $$p in nodejs) command -v node >/dev/null 2>&1 && continue;; \
	    npm) command -v npm >/dev/null 2>&1 && continue;; esac; \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing for the tests:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then s=; else s=sudo; fi; \
	  inst() { DEBIAN_FRONTEND=noninteractive $$s apt-get install -y -qq --no-install-recommends "$$@" >/dev/null 2>&1; }; \
	  $$s apt-get update -qq; \
	  inst $$missing || for p in $$missing; do \
	    inst $$p || echo "not installed: $$p (its tests skip)"; done; \
	fi

browser-deps:
	@if [ ! -d $(NPM_DIR)/node_modules/puppeteer-core ] || [ ! -d $(NPM_DIR)/node_modules/axe-core ]; then \
	  if command -v npm >/dev/null 2>&1; then \
	    echo "installing for the browser test: puppeteer-core axe-core (into $(NPM_DIR))"; \
	    mkdir -p $(NPM_DIR) && cp tests/browser/package.json tests/browser/package-lock.json $(NPM_DIR)/ && \
	    npm ci --prefix $(NPM_DIR) --no-audit --no-fund --silent >/dev/null 2>&1 || \
	      echo "not installed: puppeteer-core axe-core (the browser test skips)"; \
	  else echo "no npm: the browser test skips"; fi; \
	fi

$(B)/obj/%.o: lib/%.c lib/*.h | $(B)/obj
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(B)/embedded.c: $(SCHEMAS) schemas/embed.sh | $(B)/obj
	sh schemas/embed.sh $(SCHEMAS) > $@

$(B)/obj/embedded.o: $(B)/embedded.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(B)/libzi.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(B)/zi-%: bin/zi-%.c $(B)/libzi.a lib/*.h
	$(CC) $(CFLAGS_ALL) -o $@ $< $(B)/libzi.a $(LDLIBS_ALL)

$(B)/tests/%: tests/unit/%.c tests/unit/zitest.h $(B)/libzi.a lib/*.h | $(B)/tests
	$(CC) $(CFLAGS_ALL) -o $@ $< $(B)/libzi.a -lcmocka $(LDLIBS_ALL)

PO = po/id.po $(wildcard po/id-*.po)
$(MO): $(PO)
	mkdir -p $(dir $@) && msgcat --use-first $(PO) | msgfmt --check-format -o $@ -

# The template of every message shown to people (keywords _ and N_), for
# translators; tests/cli/scripts/po-complete.sh checks po/ against the same.
pot: $(B)/zi.pot
$(B)/zi.pot: $(LIB_SRC) lib/*.h bin/*.c | $(B)/obj
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --add-location \
	  --package-name=zi --package-version=$(VERSION) -o $@ $(LIB_SRC) lib/*.h bin/*.c

$(B)/obj $(B)/tests:
	mkdir -p $@

check-build: $(BINS) $(MO) $(UNIT_BIN)

# The unit tests, then the CLI golden tests, against the binaries in $(B).
test: check-build
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done
	@ZI_BIN=$(B) sh tests/cli/run.sh

# What runs on several threads (the pool, files read in parts, tables written
# in blocks, status, score, survey, concurrent commands), for
# ThreadSanitizer: a race makes the test exit 66.
THREAD_UNIT = test_pool test_bulk test_csvio test_table test_sheet
test-threads: check-build
	@set -e; for t in $(THREAD_UNIT); do echo "== $(B)/tests/$$t"; $(B)/tests/$$t; done
	@set -e; for o in parts threads concurrent; do ZI_BIN=$(B) ONLY=$$o sh tests/cli/run.sh; done

check: deps test-deps browser-deps
	$(MAKE) format-check
	$(MAKE) test
	$(MAKE) test B=build/asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
	$(MAKE) test-threads B=build/tsan OPT="-O1 -g" SAN="-fsanitize=thread"
	$(MAKE) fuzz FUZZ_SECONDS=3

# The fuzzing suite: libFuzzer harnesses in fuzz/ (the CSV reader, every
# import through the commands, the .xlsx and .ods readers, values, models
# and masters, zi.json, the merge driver), built with clang, ASan and UBSan into build/fuzz, each run
# FUZZ_SECONDS on its seeds in fuzz/corpus/NAME/ and what it found before
# (build/fuzz/corpus/NAME/, kept out of the tree). A crash leaves its input
# as build/fuzz/crash-NAME-*: it becomes a regression test, then the fix.
FUZZ_DEBS = clang libclang-rt-14-dev
FUZZ_SECONDS ?= 60
FB = build/fuzz
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS = $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))
BIN_OBJ = $(CMDS:%=$(B)/obj/bin-%.o)

fuzz-deps:
	@$(MAKE) --no-print-directory deps DEBS="$(FUZZ_DEBS)"

fuzz-build: fuzz-deps
	@$(MAKE) --no-print-directory B=$(FB) CC=clang OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" $(FUZZ_TARGETS:%=$(FB)/fuzz_%)

# a command's main, renamed (zi-unit: zi_unit_main), for the import harness
$(B)/obj/bin-%.o: bin/%.c lib/*.h | $(B)/obj
	$(CC) $(CFLAGS_ALL) -Dmain=$(subst -,_,$*)_main -c -o $@ $<

$(B)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(B)/libzi.a $(BIN_OBJ)
	$(CC) $(CFLAGS_ALL) -fsanitize=fuzzer -o $@ $< $(BIN_OBJ) $(B)/libzi.a $(LDLIBS_ALL)

fuzz: fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FB)/corpus/$$t; \
	  printf '== fuzz %s (%s s): ' $$t $(FUZZ_SECONDS); \
	  if ! $(FB)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -close_fd_mask=3 -timeout=20 \
	       -rss_limit_mb=2048 -artifact_prefix=$(FB)/crash-$$t- \
	       $(FB)/corpus/$$t fuzz/corpus/$$t > $(FB)/fuzz-$$t.log 2>&1; then \
	    echo FAILED; tail -60 $(FB)/fuzz-$$t.log; exit 1; fi; \
	  grep -o 'Done [0-9]* runs in [0-9]* second(s)' $(FB)/fuzz-$$t.log || echo; \
	done

# The layout of the C sources (.clang-format): `make format` rewrites them in
# place, `make format-check` (run by make check) fails naming the files that
# are not formatted. Another clang-format than Debian 12's (14) may break lines
# differently: the check skips, saying so, when clang-format is missing.
CLANG_FORMAT ?= clang-format
FORMAT_SRC = $(wildcard lib/*.c lib/*.h bin/*.c tests/unit/*.c tests/unit/*.h fuzz/*.c fuzz/*.h bench/*.c)

format:
	$(CLANG_FORMAT) -i $(FORMAT_SRC)

format-check:
	@if ! command -v $(CLANG_FORMAT) >/dev/null 2>&1; then \
	  echo "format-check: $(CLANG_FORMAT) not found, skipped (apt-get install clang-format)"; exit 0; fi; \
	bad=""; for f in $(FORMAT_SRC); do \
	  $(CLANG_FORMAT) --dry-run --Werror $$f >/dev/null 2>&1 || bad="$$bad $$f"; done; \
	if [ -n "$$bad" ]; then \
	  echo "not formatted (run 'make format'):"; for f in $$bad; do echo "  $$f"; done; \
	  $(CLANG_FORMAT) --version | grep -q ' 14\.' || \
	    echo "(.clang-format is tuned for clang-format 14; this is $$($(CLANG_FORMAT) --version))"; \
	  exit 1; fi; \
	echo "format-check: $(words $(FORMAT_SRC)) files formatted"

valgrind: check-build
	@set -e; for t in $(UNIT_BIN); do valgrind -q --error-exitcode=9 --leak-check=full $$t; done
	@ZI_BIN=$(B) ZI_VALGRIND=1 sh tests/cli/run.sh

demo: deps all
	@sh examples/demo.sh $(B)

bench: deps all $(B)/gen
	@sh bench/run.sh $(B)

$(B)/gen: bench/gen.c | $(B)/obj
	$(CC) -std=c17 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o $@ bench/gen.c

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/locale/id/LC_MESSAGES $(DESTDIR)$(PREFIX)/share/zi/schemas
	install -m 755 $(BINS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(MO) $(DESTDIR)$(PREFIX)/share/locale/id/LC_MESSAGES/zi.mo
	install -m 644 man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -d $(DESTDIR)$(PREFIX)/share/man/man7
	install -m 644 man/*.7 $(DESTDIR)$(PREFIX)/share/man/man7/
	install -d $(DESTDIR)$(PREFIX)/share/man/man5
	install -m 644 man/*.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	cd schemas && find . -name '*.json' -exec install -D -m 644 {} $(DESTDIR)$(PREFIX)/share/zi/schemas/{} \;

clean:
	rm -rf build
