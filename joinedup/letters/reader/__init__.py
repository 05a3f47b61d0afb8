"""The letter reader: finds the requests a hospital letter makes of the GP practice and judges each."""

# Bump whenever the reader's behaviour changes (what it finds, the category, verdict or rule it gives):
# each stored reading records the version that made it, and ``manage.py reread_letters`` re-reads the
# letters no one has answered yet when this is newer than theirs (decision 0021).
READER_VERSION = 33
