"""lawdesk: a cited Q&A assistant for a bureau's rule-of-law report and the laws it relies on."""

__version__ = "0.1.0"
