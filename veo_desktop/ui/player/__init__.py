"""The one media player, the viewer pane and the frame tools."""
