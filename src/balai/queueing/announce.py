"""What the display board says aloud, in Indonesian: ticket numbers digit by digit (as MPP
announcements do, "A nol satu dua"), counter numbers as words ("loket dua belas")."""

from __future__ import annotations

DIGITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_ONES = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")


def digits_spoken(number: str) -> str:
    """'012' -> 'nol satu dua'. Non-digits are dropped."""
    return " ".join(DIGITS[int(ch)] for ch in number if ch.isdigit())


def number_words(n: int) -> str:
    """A whole number from 0 to 999,999 in Indonesian words: 11 'sebelas', 100 'seratus'."""
    if not 0 <= n < 1_000_000:
        raise ValueError("number out of range")
    if n == 0:
        return "nol"
    if n < 10:
        return _ONES[n]
    if n < 20:
        if n == 10:
            return "sepuluh"
        if n == 11:
            return "sebelas"
        return f"{_ONES[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_ONES[tens]} puluh" + (f" {_ONES[rest]}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "seratus" if hundreds == 1 else f"{_ONES[hundreds]} ratus"
        return head + (f" {number_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "seribu" if thousands == 1 else f"{number_words(thousands)} ribu"
    return head + (f" {number_words(rest)}" if rest else "")


def counter_spoken(label: str) -> str:
    """'Loket 3' -> 'loket tiga'; a counter named in words is left as it is, numbers turned
    into words wherever they stand ('Gerai 12 Samsat' -> 'gerai dua belas Samsat')."""
    words = []
    for word in label.split():
        words.append(number_words(int(word)) if word.isdigit() else word)
    spoken = " ".join(words)
    return spoken[:1].lower() + spoken[1:]


def announcement(*, ticket_code: str, counter_label: str) -> str:
    """'A-012', 'Loket 3' -> 'Nomor antrian A nol satu dua, silakan ke loket tiga'."""
    letters, _, number = ticket_code.partition("-")
    if not number:
        letters, number = "", letters
    spelled = " ".join(part for part in (" ".join(letters), digits_spoken(number)) if part)
    target = counter_spoken(counter_label)
    if not target.lower().startswith(("loket", "gerai", "meja", "ruang")):
        target = f"loket {target}"
    return f"Nomor antrian {spelled}, silakan ke {target}"
