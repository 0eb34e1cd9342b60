"""edition — multilingual scholarly editions from PDF extraction to TEI and gettext.

The package is one module per pipeline stage (see README, "Architecture"):
``reassemble`` → ``ingest`` → ``segment`` → ``ids`` → ``tei`` → ``align`` →
``catalog`` → ``checks``, orchestrated by ``build`` and driven by ``cli``.
"""

__version__ = "0.1.0"
