"""The journal: reflections, drafts, moods, prompts, search and export."""
