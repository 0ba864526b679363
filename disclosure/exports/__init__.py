"""Downloads of a published report: Word (word.py) and PDF (pdf.py), laid out from one reading of the
document (blocks.py) and kept on disk per revision and language (cache.py)."""
