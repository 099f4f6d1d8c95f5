"""Kept for callers of the old path: the chat-model edge lives in app.llm.chat."""
from app.llm.chat import ChatModel, Message, ScriptedChatModel

__all__ = ["ChatModel", "Message", "ScriptedChatModel"]
