# Xinrong — common tasks. `make run` starts a demo node on embedded SQLite;
# `make test` runs every test on SQLite (race detector on).

GO        ?= go
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X github.com/xinrong/xinrong/internal/cli.Version=$(VERSION)
PG_URL    ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable
TESTFLAGS ?= -race -count=1 -timeout 30m

.PHONY: run test test-postgres test-all lint build bench e2e fuzz clean

run:
	$(GO) run ./cmd/xinrong demo

test:
	$(GO) test $(TESTFLAGS) ./...

test-postgres:
	XINRONG_TEST_DB=postgres XINRONG_TEST_POSTGRES_URL='$(PG_URL)' $(GO) test $(TESTFLAGS) ./...

test-all: test test-postgres

lint:
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/xinrong ./cmd/xinrong

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

e2e:
	XINRONG_BROWSER=required $(GO) test -count=1 -run Browser ./...

clean:
	rm -rf bin data
