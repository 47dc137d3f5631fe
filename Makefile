# redline: build, demo, tests, evaluation and benchmark.
#   make            build build/redline
#   make demo       install missing Debian packages, build, code the bundled examples
#   make test       install missing packages, run the whole test suite, also under ASan+UBSan
#   make eval       precision/recall/F1 on the development set (tests/gold/dev)
#   make test-browser  install Chromium and run the dashboard's browser checks
#   make fuzz       install clang when missing, run the libFuzzer targets
#   make bench      throughput, memory and dictionary load time (bench/)
#   make bench-store  event store ingest rate and trend latency over 10M events (bench/store.sh)
#   make bench-serve  dashboard requests/s and latency under load over 1M events (bench/serve.sh)

CC      ?= cc
PKGS    := jansson libcjson sqlite3 libutf8proc libxml-2.0 libmicrohttpd
# what build, demo, tests and bench need: the tests and bench/ run python3
# (json, sqlite3, sockets) and curl; coreutils' timeout bounds every test
DEBS    := build-essential pkg-config libjansson-dev libcjson-dev libsqlite3-dev libutf8proc-dev \
           libxml2-dev iso-codes wordnet-base parallel libmicrohttpd-dev python3 curl
# `make fuzz` also needs clang (libFuzzer); `make test-browser` chromium
FUZZ_DEBS := clang
BROWSER_DEBS := chromium
CSTD    := -std=c11 -D_GNU_SOURCE
# snprintf into fixed fields truncates on purpose; gcc cannot see the bounds
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-format-truncation
OPT     ?= -O2 -g
DICTDIR := $(CURDIR)/dict
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

ifeq ($(SAN),1)
  BUILD  := build/san
  OPT    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
  LDSAN  := -fsanitize=address,undefined
else
  BUILD  := build
  LDSAN  :=
endif

CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) -Isrc $(PKG_CFLAGS) -DRL_DICT_DIR='"$(DICTDIR)"' -DRL_WEB_DIR='"$(CURDIR)/web"' $(CFLAGS)

# One static library per subsystem of src/ (docs/design.md, "Map"), listed from
# the top of the pipeline down: a library may call only those after it. The
# coder's own stack (CODER_LIBS) needs jansson, cJSON and utf8proc, never SQLite,
# libxml2 or libmicrohttpd.
SUBSYS     := web petrarch htmlpage store formats coder lexicon text base
CODER_SUBS := formats coder lexicon text base
CODER_PKGS := jansson libcjson libutf8proc
lib_of      = $(BUILD)/lib/librl_$(1).a
LIBS_ALL   := $(foreach s,$(SUBSYS),$(call lib_of,$(s)))
CODER_LIBS := $(foreach s,$(CODER_SUBS),$(call lib_of,$(s)))
LIB_SRC    := $(foreach s,$(SUBSYS),$(wildcard src/$(s)/*.c))
CLI_SRC    := $(wildcard cli/*.c)
CLI_OBJ    := $(CLI_SRC:cli/%.c=$(BUILD)/obj/cli/%.o)
HDRS       := $(wildcard src/*/*.h cli/*.h)

.PHONY: all deps demo test test-fast test-browser eval bench bench-serve fuzz clean

all: $(BUILD)/redline

$(BUILD)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(CFLAGS_ALL) -c -o $@ $<

define subsystem_lib
$(call lib_of,$(1)): $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard src/$(1)/*.c))
	@mkdir -p $$(dir $$@)
	@rm -f $$@
	@ar rcs $$@ $$^
endef
$(foreach s,$(SUBSYS),$(eval $(call subsystem_lib,$(s))))

$(BUILD)/redline: $(CLI_OBJ) $(LIBS_ALL)
	$(CC) $(LDSAN) -o $@ $(CLI_OBJ) $(LIBS_ALL) $(PKG_LIBS) $(LDFLAGS)

$(BUILD)/unit: tests/unit/unit.c $(LIBS_ALL) $(HDRS)
	$(CC) $(CFLAGS_ALL) $(LDSAN) -o $@ tests/unit/unit.c $(LIBS_ALL) $(PKG_LIBS) $(LDFLAGS)

# A program that only codes text links the coder's libraries and their two
# packages, nothing else: tests/unit/coder_only.c proves it at link time.
$(BUILD)/coder-only: tests/unit/coder_only.c $(CODER_LIBS) $(HDRS)
	$(CC) $(CFLAGS_ALL) $(LDSAN) -o $@ tests/unit/coder_only.c $(CODER_LIBS) $$(pkg-config --libs $(CODER_PKGS)) $(LDFLAGS)

# Installs the Debian packages redline needs, only when some are missing.
# install_debs PACKAGES: the shell of the recipes below
install_debs = missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
deps:
	@$(call install_debs,$(DEBS))

demo: deps
	$(MAKE) all
	@echo "== coding examples/*.jsonl and examples/*.txt"
	./build/redline code examples/stories.jsonl
	./build/redline code --date 2022-02-24 -o tsv examples/kyiv-scraped.txt
	@echo "== storing them in build/demo.db"
	@rm -f build/demo.db build/demo.db-wal build/demo.db-shm
	./build/redline ingest -q build/demo.db examples/stories.jsonl
	./build/redline ingest -q --date 2022-02-24 build/demo.db examples/kyiv-scraped.txt
	@echo "== the dashboard: run"
	@echo "     build/redline serve build/demo.db"
	@echo "   and open http://127.0.0.1:8080/ (a dyad: http://127.0.0.1:8080/dyad/ISR/PSE,QAT); Ctrl-C stops it"

test: deps
	$(MAKE) all build/unit build/coder-only
	$(MAKE) SAN=1 all build/san/unit build/san/coder-only
	tests/all.sh

test-fast: all $(BUILD)/unit $(BUILD)/coder-only
	tests/run.sh $(BUILD)

# the dashboard's checks in headless Chromium, which `make test` skips when
# Chromium is absent: this installs it (about 850 MB) and runs them
test-browser: deps all
	@$(call install_debs,$(BROWSER_DEBS))
	tests/shell/serve.sh $(BUILD)

eval: all
	@echo "== development set (tests/gold/dev: tuned on)"
	@./build/redline eval tests/gold/dev/*.test
	@echo "== held-out set (tests/gold/heldout: never tuned on)"
	@./build/redline eval tests/gold/heldout/*.test
	@echo "== real news, development stories (tests/realnews/dev-*: tuned on)"
	@./build/redline eval tests/realnews/dev-*.jsonl
	@echo "== real news, held-out stories (tests/realnews/heldout-*: never tuned on)"
	@./build/redline eval tests/realnews/heldout-*.jsonl

bench: deps
	$(MAKE) all
	bench/run.sh

bench-store: all
	$(CC) $(CFLAGS_ALL) -o $(BUILD)/storegen bench/storegen.c $(LIBS_ALL) $(PKG_LIBS) $(LDFLAGS)
	bench/store.sh $(BUILD)

bench-serve: all
	$(CC) $(CFLAGS_ALL) -o $(BUILD)/storegen bench/storegen.c $(LIBS_ALL) $(PKG_LIBS) $(LDFLAGS)
	bench/serve.sh $(BUILD)

clean:
	rm -rf build

# libFuzzer targets (clang): make fuzz FUZZ_SECONDS=120
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -std=c11 -D_GNU_SOURCE -Isrc -g -O1 -fsanitize=fuzzer,address,undefined -DRL_DICT_DIR='"$(DICTDIR)"'
fuzz: deps
	@$(call install_debs,$(FUZZ_DEBS))
	@mkdir -p build/fuzz build/fuzz/corpus-story build/fuzz/corpus-dict
	clang $(FUZZ_FLAGS) $(PKG_CFLAGS) -o build/fuzz/fuzz_story tests/fuzz/fuzz_story.c $(LIB_SRC) $(PKG_LIBS)
	clang $(FUZZ_FLAGS) $(PKG_CFLAGS) -o build/fuzz/fuzz_dict tests/fuzz/fuzz_dict.c $(LIB_SRC) $(PKG_LIBS)
	REDLINE_DICT=dict build/fuzz/fuzz_story -max_total_time=$(FUZZ_SECONDS) -max_len=65536 build/fuzz/corpus-story tests/fuzz/corpus
	build/fuzz/fuzz_dict -max_total_time=$(FUZZ_SECONDS) -max_len=4096 build/fuzz/corpus-dict dict
	@mkdir -p build/fuzz/corpus-petrdict build/fuzz/corpus-petrxml
	clang $(FUZZ_FLAGS) $(PKG_CFLAGS) -o build/fuzz/fuzz_petrdict tests/fuzz/fuzz_petrdict.c $(LIB_SRC) $(PKG_LIBS)
	clang $(FUZZ_FLAGS) $(PKG_CFLAGS) -o build/fuzz/fuzz_petrxml tests/fuzz/fuzz_petrxml.c $(LIB_SRC) $(PKG_LIBS)
	build/fuzz/fuzz_petrdict -max_total_time=$(FUZZ_SECONDS) -max_len=8192 build/fuzz/corpus-petrdict tests/petrarch
	REDLINE_DICT=dict build/fuzz/fuzz_petrxml -max_total_time=$(FUZZ_SECONDS) -max_len=65536 build/fuzz/corpus-petrxml tests/petrarch tests/fuzz/corpus
