"""Quality on official UN translations: false alarms and caught errors (``python -m
benchmarks.quality``; corpus.py reads the corpus, inject.py makes the errors, evaluate.py runs
the checkers and counts, report.py prints)."""
