"""What bench/intake.py serves: Balai's own URLs plus a bare one-insert endpoint (bench only)."""
