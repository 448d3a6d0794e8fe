<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimate at list prices: %1 s of %2, %3. Your gateway may charge differently.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>without audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An extension adds about %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no prompt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <extracomment>Roles that are one field of the Job, by attribute name. States whose clock is running: `tick` repaints these rows and only these.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First + Last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>References</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing</source>
        <extracomment>What each state says on a row, and mid-sentence to a screen reader (separate strings: lowercasing a translation is wrong in many languages). Translated by `tr` when shown.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running %1 percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uncertain — check the gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uncertain, check the gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused — key rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused, key rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>download failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · link has probably expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · link valid about %1 h more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fast %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rephrase the prompt and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update the API key in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add credit to the account, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait a minute, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the connection, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway is having trouble; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the settings and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another image and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the download again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the gateway&apos;s task list before sending it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry with audio off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again, perhaps with a different prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway gave no reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 job, %2, %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video ready: %1</source>
        <extracomment>A notification is about the moment a job ends; these are the ends worth interrupting for.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is in your library. Click to play it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”: %2 Click to open it and retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job may not have been sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”: the gateway did not confirm it. Click to check before sending again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Veo Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pasted image could not be saved. Check the free disk space and try again.</source>
        <extracomment>Longest edge of the decoded thumbnail: sharp on a hi-dpi screen, small in memory.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This image could not be read. Re-export it as PNG or JPEG and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the %1 tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause the selected clip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste an image into the focused slot</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComposeTab</name>
    <message>
        <source>Video URL of a recent Veo clip (or use Extend on a finished job)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What should not appear (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll a random seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the job (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe the shot: subject, action, camera, light, sound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens from the start frame on?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the first frame turns into the last one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scene the referenced subject appears in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens next, continuing the source video.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the start frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the end frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reference images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the source video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the aspect ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message about %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n characters</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashNotice</name>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Veo Desktop hit an unexpected error. Your jobs are safe in the journal. A report (with no keys in it) was saved to:
%s
Please attach it if you report the problem.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FramePairSlots</name>
    <message>
        <source>Start frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap start and end frames</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageSlot</name>
    <message>
        <source>Remove this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That image data is damaged. Save it as a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not an image, an image link or a file path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no image here. Copy or drag an image and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an image: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.PNG *.JPG *.JPEG *.WEBP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard is empty. Copy an image and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop an image, paste, or click to browse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop an image here, paste one with Ctrl+V, or click to choose a PNG, JPEG or WebP file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty. Drop an image, paste, or click to browse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linked image (sent as a URL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked image from %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This image is {image}; the video follows the chosen {video}, so the image will be cropped or letterboxed by the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobActions</name>
    <message>
        <source>Job actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend this clip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use last frame as next start (First + Last)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use last frame as start (Image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use first frame as end (First + Last)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open containing folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to trash…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last frame → next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move this clip and its sidecar to the trash and remove the job from the list?

%s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not move the files to the trash (%s); nothing was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved to the trash.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryBar</name>
    <message>
        <source>Search prompts (Ctrl+F)</source>
        <extracomment>Typing pauses this long before the list is searched again: one query per word, not per key.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All modes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready to play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed or needs you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Veo Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — offline demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First + Last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>References</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+%d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No jobs match. Clear the search or filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline demo: jobs run on the built-in simulator of the gateway. Nothing is sent over the network or billed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo mode notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Costs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Spending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Price table…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %s sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No jobs yet. Write a prompt (or drop frames) on the left and press Ctrl+Return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved. Restart Veo Desktop to switch the language.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlayerDialog</name>
    <message>
        <source>Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sound device was found on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PriceDialog</name>
    <message>
        <source>Price table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US dollars per second of video. These start as Google&apos;s public list prices for Veo 3.1; your gateway sets its own prices and may change them. Estimates use this table; the gateway&apos;s bill is final.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prices per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to list prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” for %2 is not a price. Type a number such as 0.15.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the prices (%1). Check that the folder is writable.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReferenceSlots</name>
    <message>
        <source>Reference %d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move reference %d left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move reference %d right</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sk-…  (stored in the system keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow plain http to a non-local gateway (sends the key unencrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using the key from the VEO_API_KEY environment variable; it is never stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept only in the system keyring (%s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key is stored; type to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Key accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ Key rejected. Check the key for this gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ Gateway unreachable. Check the URL and your connection.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpendDialog</name>
    <message>
        <source>Spending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend per period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimates from the price table (list prices unless you changed them). Failed and blocked jobs are not billed and count zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <source>Welcome to Veo Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate video with Veo 3.1 through your gateway. Your API key is kept only in the system keyring.
No key yet? The offline demo answers like a real gateway, with real clips, and needs no network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to my gateway…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to my gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the offline demo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This clip is more than two days old; the upstream may have deleted it, and extension would fail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This clip is {resolution}; extension works on 720p clips.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway gave no link for this clip; extension needs the clip&apos;s URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a finished clip can be extended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This job has no downloaded clip yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This job has no downloaded clip to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry without audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extension sends no duration; Veo adds about {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audio on (upstream default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no duration given; Veo&apos;s default is {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
