# Two commands: `make run` and `make test`. Each sets itself up on a machine with only Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test chat bench eval clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "earnings-bot needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

## run: the bot (Telegram when TELEGRAM_BOT_TOKEN is set, else the terminal chat on the bundled samples)
run: $(STAMP)
	$(BIN)/earnings-bot run

## test: the whole test suite, one pytest-xdist worker per core (PYTEST_ARGS="-n 0": one process)
test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto $(PYTEST_ARGS)

chat: $(STAMP)
	$(BIN)/earnings-bot chat

## bench: speed and quality figures (needs ../shared/data for the dataset benches)
bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
