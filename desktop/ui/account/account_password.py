"""The password kept for the saved account: read from the keyring, replaced or forgotten."""

from __future__ import annotations

from desktop import settings as st
from desktop.credentials import CredentialResult, CredentialState, CredentialStore

__all__ = ["AccountPassword"]


class AccountPassword:
    """The saved account's password; any other account (address, user) needs its own."""

    def __init__(self, settings: st.Settings, credentials: CredentialStore) -> None:
        self.credentials = credentials
        self.account = (settings.get(st.SERVER_URL), settings.get(st.USERNAME))
        self.known: str | None = None
        self.state = CredentialState.NOT_STORED

    async def load(self) -> CredentialResult | None:
        """Read the saved account's password (None when no account is saved)."""
        url, user = self.account
        if not (url and user):
            return None
        result = await self.credentials.load(user, url)
        self.known, self.state = result.password, result.state
        return result

    def moved(self, url: str, user: str) -> bool:
        """Whether (url, user) is another account than the saved one."""
        return (url, user) != self.account

    async def store(
        self, url: str, user: str, typed: str, remember: bool
    ) -> CredentialState | None:
        """Keep the password for (url, user) as asked; the keyring's problem, or None."""
        old_url, old_user = self.account
        moved = self.moved(url, user)
        password = typed or self.known
        stops_saving = not remember and self.state is CredentialState.STORED
        starts_saving = remember and self.state is CredentialState.SESSION_ONLY
        if not password or not (typed or moved or stops_saving or starts_saving):
            return None
        if stops_saving and not moved:
            await self.credentials.forget(user, url)
        result = await self.credentials.store(user, url, password, remember=remember)
        if result.state.is_problem:
            return result.state
        if moved and old_url and old_user:
            await self.credentials.forget(old_user, old_url)
        return None
