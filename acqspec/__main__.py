"""``python -m acqspec`` runs the command-line interface."""

from acqspec.cli import main

if __name__ == "__main__":
    main()
