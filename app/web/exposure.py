"""Whether `lawdesk serve` may start a staff page without logins on the given address (no heavy imports: the
refusal comes before Gradio loads)."""
from __future__ import annotations

import ipaddress

OPEN_STAFF_WARNING = ("警告：工作人员页面没有设置登录（LAWDESK_STAFF_USERS 为空），任何能访问本地址的人都能使用"
                      "管理和培训功能。对外提供服务请使用 --public，或设置工作人员账号。")
OPEN_STAFF_REFUSED = ("拒绝启动：工作人员页面没有设置登录，不能在非本机地址 {host} 上提供。请设置 LAWDESK_STAFF_USERS，"
                      "或使用 --public；确需开放时加 --allow-open-staff。")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def staff_exposure(host: str, public: bool, has_logins: bool, allow_open: bool) -> tuple[str | None, bool]:
    """(warning to print, refuse to start) for `lawdesk serve`."""
    if public or has_logins:
        return None, False
    if not is_loopback(host) and not allow_open:
        return OPEN_STAFF_REFUSED.format(host=host), True
    return OPEN_STAFF_WARNING, False
