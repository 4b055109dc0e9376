"""Point discord.py at the local Discord double, and at nothing else.

The e2e tests put this folder first on the bot process's PYTHONPATH, so Python imports this
module at start-up, before `python -m bot` runs. Only the two addresses discord.py uses are
changed: `discord.http.Route.BASE` (REST) and `DiscordWebSocket.DEFAULT_GATEWAY`; the bot's
own code is untouched. If anything here fails, the process stops rather than risk talking to
the real Discord.
"""

from __future__ import annotations

import os
import sys

_DOUBLE = os.environ.get("ATTACHE_E2E_DISCORD_URL")

if _DOUBLE:
    try:
        import yarl

        _url = yarl.URL(_DOUBLE)
        if _url.host != "127.0.0.1" or _url.scheme != "http":
            raise ValueError(f"the Discord double must be http://127.0.0.1:<port>, not {_DOUBLE}")

        import discord.gateway
        import discord.http

        discord.http.Route.BASE = f"{_DOUBLE.rstrip('/')}/api/v10"
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = _url.with_scheme("ws").with_path(
            "/gateway"
        )
    except BaseException as error:  # never fall back to discord.com
        print(f"e2e sitecustomize: cannot point discord.py at the double: {error!r}",
              file=sys.stderr)  # fmt: skip
        os._exit(97)


# A slow machine, on purpose: the overload scenario delays every answer so that its burst is
# past capacity on any machine (a fast idle one answered 1,200 in time and shed nothing).
_DELAY = os.environ.get("ATTACHE_E2E_ANSWER_DELAY")

if _DELAY:
    import asyncio
    from typing import Any

    import bot.core.commands as _commands

    _answer = _commands.answer

    async def _slow_answer(*args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(float(_DELAY))
        return await _answer(*args, **kwargs)

    _commands.answer = _slow_answer  # type: ignore[assignment]
