"""``python -m realpolitik``: the same command as ``realpolitik``."""

from .serve.cli import main

if __name__ == "__main__":
    main()
