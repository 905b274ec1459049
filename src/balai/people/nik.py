"""NIK helpers (minimal: masking only, until the full NIK rules land here)."""


def mask_nik(nik: str) -> str:
    """UU 27/2022: lists show the first four and last four digits only (3510********0001)."""
    if len(nik) != 16:
        return "*" * len(nik)
    return f"{nik[:4]}{'*' * 8}{nik[-4:]}"
