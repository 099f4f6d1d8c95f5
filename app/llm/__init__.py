"""The neutral chat-model edge shared by answer/ and training/ (neither imports the other's model code)."""
