"""统一社会信用代码 (GB 32100-2015): 18 characters whose last one is a check character."""

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    total = sum(CHARSET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> str:
    """Normalises (upper case, trimmed) and validates; raises ValueError in Chinese."""
    code = value.strip().upper()
    if len(code) != 18:
        raise ValueError("统一社会信用代码应为 18 位")
    if any(ch not in CHARSET for ch in code):
        raise ValueError("统一社会信用代码含有无效字符（不使用 I、O、Z、S、V）")
    if check_character(code[:17]) != code[17]:
        raise ValueError("统一社会信用代码校验位不正确")
    return code
