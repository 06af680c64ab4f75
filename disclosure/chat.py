"""The chat model the settings choose, as a LangChain chat model: Ollama, any OpenAI-compatible
server (a llama.cpp server among them), or a local GGUF model run in-process by llama-cpp-python.

Every LLM mode (the drafting writer, the gap check's judge) takes its model from here, so none of
them depends on another's internals. Backends are imported lazily: the default engines never load
them.
"""
from __future__ import annotations

from typing import Any

from .errors import BackendUnavailableError, ConfigurationError


def make_chat_model(settings) -> Any:
    """The chat model the settings choose (``llm_backend``: ollama | openai | llamacpp).

    ``openai`` speaks to any OpenAI-compatible endpoint (``llm_base_url``), including a llama.cpp
    server; ``llamacpp`` with a base URL does the same, and without one loads the GGUF file named by
    ``llm_model`` in-process with llama-cpp-python.
    """
    backend = settings.llm_backend
    if backend == "none":
        raise ConfigurationError("LLM mode needs a model — set llm_backend to ollama, openai or llamacpp "
                                 "(DISCLOSURE_LLM_BACKEND) and llm_model, or draft in grounded mode")
    model = settings.llm_model
    timeout = settings.llm_timeout_s
    key = settings.llm_api_key.get_secret_value()
    if backend == "ollama":
        try:
            from langchain_ollama import ChatOllama
        except ImportError as exc:
            raise BackendUnavailableError("the Ollama backend needs langchain-ollama — pip install langchain-ollama") from exc
        if not model:
            raise ConfigurationError("set llm_model to an Ollama model name (e.g. qwen2.5:7b)")
        kwargs = {"model": model, "temperature": settings.llm_temperature, "client_kwargs": {"timeout": timeout}}
        if settings.llm_base_url:
            kwargs["base_url"] = settings.llm_base_url
        return ChatOllama(**kwargs)
    if backend == "openai" or (backend == "llamacpp" and settings.llm_base_url):
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as exc:
            raise BackendUnavailableError("the OpenAI-compatible backend needs langchain-openai — pip install langchain-openai") from exc
        if backend == "openai" and not settings.llm_base_url and not key:
            raise ConfigurationError("set llm_api_key, or llm_base_url for a local OpenAI-compatible server")
        return ChatOpenAI(model=model or "local", base_url=settings.llm_base_url or None, api_key=key or "not-needed",
                          temperature=settings.llm_temperature, timeout=timeout, max_retries=1)
    if backend == "llamacpp":
        return LlamaCppChatModel.from_path(model, temperature=settings.llm_temperature)
    raise ConfigurationError(f"unknown llm_backend '{backend}'")


def _llamacpp_class():
    from langchain_core.language_models.chat_models import BaseChatModel
    from langchain_core.messages import AIMessage
    from langchain_core.outputs import ChatGeneration, ChatResult

    class _LlamaCpp(BaseChatModel):
        """A GGUF model run in-process by llama-cpp-python, as a LangChain chat model."""

        model_path: str
        temperature: float = 0.0
        max_tokens: int = 700
        client: Any = None

        @property
        def _llm_type(self) -> str:
            return "llama-cpp-python"

        def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
            role = {"system": "system", "human": "user", "ai": "assistant"}
            msgs = [{"role": role.get(m.type, "user"), "content": m.content} for m in messages]
            out = self.client.create_chat_completion(messages=msgs, temperature=self.temperature,
                                                     max_tokens=self.max_tokens, stop=stop)
            text = out["choices"][0]["message"]["content"] or ""
            return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    return _LlamaCpp


class LlamaCppChatModel:
    @staticmethod
    def from_path(path: str, temperature: float = 0.0):
        if not path:
            raise ConfigurationError("set llm_model to the path of a GGUF file (or llm_base_url to a llama.cpp server)")
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise BackendUnavailableError("the local llama.cpp backend needs llama-cpp-python — pip install llama-cpp-python, "
                                          "or run `llama-server -m MODEL.gguf` and set llm_base_url") from exc
        from pathlib import Path

        if not Path(path).is_file():
            raise ConfigurationError(f"no GGUF model at {path} — set llm_model to the model file")
        client = Llama(model_path=path, n_ctx=4096, verbose=False, seed=0)
        return _llamacpp_class()(model_path=path, temperature=temperature, client=client)


def model_label(settings, chat_model) -> str:
    name = getattr(chat_model, "model_name", None) or getattr(chat_model, "model", None) or type(chat_model).__name__
    return f"{settings.llm_backend}:{name}"
