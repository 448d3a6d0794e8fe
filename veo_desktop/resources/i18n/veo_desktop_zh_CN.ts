<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Fast</source>
        <translation>快速</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation>≈ %1</translation>
    </message>
    <message>
        <source>Estimate at list prices: %1 s of %2, %3. Your gateway may charge differently.</source>
        <translation>按官方标价预估：%2，%1 秒，%3。网关实际收费可能不同。</translation>
    </message>
    <message>
        <source>with audio</source>
        <translation>含音频</translation>
    </message>
    <message>
        <source>without audio</source>
        <translation>不含音频</translation>
    </message>
    <message>
        <source>An extension adds about %1 s.</source>
        <translation>每次延长约增加 %1 秒。</translation>
    </message>
    <message>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <source>Text</source>
        <extracomment>Gives a downloaded job&apos;s poster if it is at hand, else None (and `set_poster` follows). Roles that are one field of the Job, by attribute name. States whose clock is running: `tick` repaints these rows and only these.</extracomment>
        <translation>文生视频</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图生视频</translation>
    </message>
    <message>
        <source>First + Last</source>
        <translation>首尾帧</translation>
    </message>
    <message>
        <source>References</source>
        <translation>参考图</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>延长</translation>
    </message>
    <message>
        <source>Preparing</source>
        <extracomment>What each state says on a row, and mid-sentence to a screen reader (separate strings: lowercasing a translation is wrong in many languages). Translated by `tr` when shown.</extracomment>
        <translation>准备中</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation>准备中</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Running %1%</source>
        <translation>生成中 %1%</translation>
    </message>
    <message>
        <source>running %1 percent</source>
        <translation>生成中，百分之 %1</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>已下载</translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation>已下载</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Uncertain — check the gateway</source>
        <translation>未确认——请到网关核实</translation>
    </message>
    <message>
        <source>uncertain, check the gateway</source>
        <translation>未确认，请到网关核实</translation>
    </message>
    <message>
        <source>Paused — key rejected</source>
        <translation>已暂停——密钥被拒绝</translation>
    </message>
    <message>
        <source>paused, key rejected</source>
        <translation>已暂停，密钥被拒绝</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <source>download failed</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>生成中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>生成中</translation>
    </message>
    <message>
        <source> · link has probably expired</source>
        <translation> · 链接可能已过期</translation>
    </message>
    <message>
        <source> · link valid about %1 h more</source>
        <translation> · 链接约还可用 %1 小时</translation>
    </message>
    <message>
        <source>fast %1</source>
        <translation>快速 %1</translation>
    </message>
    <message>
        <source>standard %1</source>
        <translation>标准 %1</translation>
    </message>
    <message>
        <source>Rephrase the prompt and try again.</source>
        <translation>请改写提示词后重试。</translation>
    </message>
    <message>
        <source>Update the API key in Settings.</source>
        <translation>请在设置中更新 API 密钥。</translation>
    </message>
    <message>
        <source>Add credit to the account, then try again.</source>
        <translation>请为账户充值后重试。</translation>
    </message>
    <message>
        <source>Wait a minute, then try again.</source>
        <translation>请稍等一分钟再重试。</translation>
    </message>
    <message>
        <source>Check the connection, then try again.</source>
        <translation>请检查网络连接后重试。</translation>
    </message>
    <message>
        <source>The gateway is having trouble; try again later.</source>
        <translation>网关暂时出现问题，请稍后重试。</translation>
    </message>
    <message>
        <source>Change the settings and try again.</source>
        <translation>请调整生成设置后重试。</translation>
    </message>
    <message>
        <source>Choose another image and try again.</source>
        <translation>请换一张图片后重试。</translation>
    </message>
    <message>
        <source>Try the download again later.</source>
        <translation>请稍后重新下载。</translation>
    </message>
    <message>
        <source>Check the gateway&apos;s task list before sending it again.</source>
        <translation>重新发送前，请先在网关的任务列表中核实。</translation>
    </message>
    <message>
        <source>Retry with audio off.</source>
        <translation>请关闭音频后重试。</translation>
    </message>
    <message>
        <source>Try again, perhaps with a different prompt.</source>
        <translation>请重试，或换个提示词试试。</translation>
    </message>
    <message>
        <source>The gateway gave no reason.</source>
        <translation>网关未说明原因。</translation>
    </message>
    <message>
        <source>%1 job, %2, %3: %4</source>
        <extracomment>Posters held for painting. A screenful is under a dozen rows; the rest of a long list costs nothing until it scrolls into view (then its poster source answers again).</extracomment>
        <translation>%1任务，%2，%3：%4</translation>
    </message>
    <message>
        <source>Video ready: %1</source>
        <extracomment>A notification is about the moment a job ends; these are the ends worth interrupting for.</extracomment>
        <translation>视频已就绪：%1</translation>
    </message>
    <message>
        <source>“%1” is in your library. Click to play it.</source>
        <translation>“%1”已存入素材库，点击即可播放。</translation>
    </message>
    <message>
        <source>Job failed: %1</source>
        <translation>任务失败：%1</translation>
    </message>
    <message>
        <source>“%1”: %2 Click to open it and retry.</source>
        <translation>“%1”：%2 点击打开并重试。</translation>
    </message>
    <message>
        <source>Job may not have been sent</source>
        <translation>任务可能未发送成功</translation>
    </message>
    <message>
        <source>“%1”: the gateway did not confirm it. Click to check before sending again.</source>
        <translation>“%1”：网关未确认收到。请点击核实后再决定是否重新发送。</translation>
    </message>
    <message>
        <source>Veo Desktop</source>
        <translation>Veo Desktop</translation>
    </message>
    <message>
        <source>The pasted image could not be saved. Check the free disk space and try again.</source>
        <extracomment>Longest edge of the decoded thumbnail: sharp on a hi-dpi screen, small in memory.</extracomment>
        <translation>无法保存粘贴的图片。请检查磁盘剩余空间后重试。</translation>
    </message>
    <message>
        <source>This image could not be read. Re-export it as PNG or JPEG and try again.</source>
        <translation>无法读取此图片。请重新导出为 PNG 或 JPEG 后重试。</translation>
    </message>
    <message>
        <source>Send the job</source>
        <translation>发送任务</translation>
    </message>
    <message>
        <source>Go to the %1 tab</source>
        <translation>切换到“%1”标签页</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>搜索素材库</translation>
    </message>
    <message>
        <source>Play or pause the selected clip</source>
        <translation>播放/暂停所选片段</translation>
    </message>
    <message>
        <source>Paste an image into the focused slot</source>
        <translation>将图片粘贴到当前选中的图片框</translation>
    </message>
</context>
<context>
    <name>ComposeTab</name>
    <message>
        <source>Video URL of a recent Veo clip (or use Extend on a finished job)</source>
        <translation>最近生成的 Veo 视频片段 URL（或对已完成的任务使用“延长”）</translation>
    </message>
    <message>
        <source>Source video</source>
        <translation>源视频</translation>
    </message>
    <message>
        <source>&amp;Prompt</source>
        <translation>提示词(&amp;P)</translation>
    </message>
    <message>
        <source>Prompt length</source>
        <translation>提示词长度</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>What should not appear (optional)</source>
        <translation>不希望出现的内容（可选）</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>负面提示词</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>快速</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Speed tier</source>
        <translation>速度档位</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>宽高比</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Generate audio</source>
        <translation>生成音频</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Roll a random seed</source>
        <translation>随机生成种子</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Send the job (Ctrl+Return)</source>
        <translation>发送任务（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Generate video</source>
        <translation>生成视频</translation>
    </message>
    <message>
        <source>Estimated cost</source>
        <translation>预估费用</translation>
    </message>
    <message>
        <source>Describe the shot: subject, action, camera, light, sound.</source>
        <translation>描述画面：主体、动作、镜头、光线、声音。</translation>
    </message>
    <message>
        <source>What happens from the start frame on?</source>
        <translation>从首帧开始，会发生什么？</translation>
    </message>
    <message>
        <source>How the first frame turns into the last one.</source>
        <translation>首帧如何过渡到尾帧。</translation>
    </message>
    <message>
        <source>The scene the referenced subject appears in.</source>
        <translation>参考主体所处的场景。</translation>
    </message>
    <message>
        <source>What happens next, continuing the source video.</source>
        <translation>接续源视频，接下来会发生什么。</translation>
    </message>
    <message>
        <source>the start frame</source>
        <translation>首帧</translation>
    </message>
    <message>
        <source>the end frame</source>
        <translation>尾帧</translation>
    </message>
    <message>
        <source>the reference images</source>
        <translation>参考图</translation>
    </message>
    <message>
        <source>the source video</source>
        <translation>源视频</translation>
    </message>
    <message>
        <source>the prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>the model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>the aspect ratio</source>
        <translation>宽高比</translation>
    </message>
    <message>
        <source>the duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Message about %1</source>
        <translation>关于%1的提示</translation>
    </message>
    <message numerus="yes">
        <source>%n characters</source>
        <translation>
            <numerusform>%n 个字符</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>发送中…</translation>
    </message>
</context>
<context>
    <name>CrashNotice</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>Veo Desktop hit an unexpected error. Your jobs are safe in the journal. A report (with no keys in it) was saved to:
%s
Please attach it if you report the problem.</source>
        <translation>Veo Desktop 遇到了意外错误。你的任务都已安全保存在任务日志中。错误报告（不含任何密钥）已保存到：
%s
反馈问题时请附上此报告。</translation>
    </message>
</context>
<context>
    <name>FramePairSlots</name>
    <message>
        <source>Start frame</source>
        <translation>首帧</translation>
    </message>
    <message>
        <source>End frame</source>
        <translation>尾帧</translation>
    </message>
    <message>
        <source>Swap start and end frames</source>
        <translation>交换首帧和尾帧</translation>
    </message>
</context>
<context>
    <name>ImageSlot</name>
    <message>
        <source>Remove this image</source>
        <translation>移除此图片</translation>
    </message>
    <message>
        <source>Remove %s</source>
        <translation>移除%s</translation>
    </message>
    <message>
        <source>That image data is damaged. Save it as a file.</source>
        <translation>图片数据已损坏。请先将其保存为文件。</translation>
    </message>
    <message>
        <source>That is not an image, an image link or a file path.</source>
        <translation>这不是图片、图片链接或文件路径。</translation>
    </message>
    <message>
        <source>There is no image here. Copy or drag an image and try again.</source>
        <translation>没有可用的图片。请复制或拖入图片后重试。</translation>
    </message>
    <message>
        <source>Reading image…</source>
        <translation>正在读取图片…</translation>
    </message>
    <message>
        <source>Choose an image: %s</source>
        <translation>选择图片：%s</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.PNG *.JPG *.JPEG *.WEBP)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.PNG *.JPG *.JPEG *.WEBP)</translation>
    </message>
    <message>
        <source>The clipboard is empty. Copy an image and try again.</source>
        <translation>剪贴板为空。请复制图片后重试。</translation>
    </message>
    <message>
        <source>Drop an image, paste, or click to browse</source>
        <translation>拖入图片、粘贴，或点击浏览</translation>
    </message>
    <message>
        <source>Drop an image here, paste one with Ctrl+V, or click to choose a PNG, JPEG or WebP file.</source>
        <translation>将图片拖到这里、按 Ctrl+V 粘贴，或点击选择 PNG、JPEG 或 WebP 文件。</translation>
    </message>
    <message>
        <source>Empty. Drop an image, paste, or click to browse.</source>
        <translation>空。拖入图片、粘贴，或点击浏览。</translation>
    </message>
    <message>
        <source>linked image (sent as a URL)</source>
        <translation>链接图片（以 URL 发送）</translation>
    </message>
    <message>
        <source>Linked image from %s.</source>
        <translation>来自 %s 的链接图片。</translation>
    </message>
    <message>
        <source>This image is {image}; the video follows the chosen {video}, so the image will be cropped or letterboxed by the model.</source>
        <translation>此图片为 {image}，而视频将采用所选的 {video}，因此模型会对图片进行裁剪或加黑边。</translation>
    </message>
    <message>
        <source>Choose File…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>JobActions</name>
    <message>
        <source>Job actions</source>
        <translation>任务操作</translation>
    </message>
    <message>
        <source>Remix</source>
        <translation>再创作</translation>
    </message>
    <message>
        <source>Extend this clip</source>
        <translation>延长此片段</translation>
    </message>
    <message>
        <source>Use last frame as next start (First + Last)</source>
        <translation>将最后一帧用作下一段的首帧（首尾帧）</translation>
    </message>
    <message>
        <source>Use last frame as start (Image)</source>
        <translation>将最后一帧用作首帧（图生视频）</translation>
    </message>
    <message>
        <source>Use first frame as end (First + Last)</source>
        <translation>将第一帧用作尾帧（首尾帧）</translation>
    </message>
    <message>
        <source>Download again</source>
        <translation>重新下载</translation>
    </message>
    <message>
        <source>Copy prompt</source>
        <translation>复制提示词</translation>
    </message>
    <message>
        <source>Open containing folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Move to trash…</source>
        <translation>移到回收站…</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>延长</translation>
    </message>
    <message>
        <source>Last frame → next</source>
        <translation>尾帧 → 下一段</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Prompt copied.</source>
        <translation>已复制提示词。</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s).</source>
        <translation>
            <numerusform>已导出 %n 个文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <source>Move this clip and its sidecar to the trash and remove the job from the list?

%s</source>
        <translation>要将此片段及其元数据文件移到回收站，并从列表中移除该任务吗？

%s</translation>
    </message>
    <message>
        <source>Could not move the files to the trash (%s); nothing was deleted.</source>
        <translation>无法将文件移到回收站（%s），未删除任何内容。</translation>
    </message>
    <message>
        <source>Moved to the trash.</source>
        <translation>已移到回收站。</translation>
    </message>
</context>
<context>
    <name>JobController</name>
    <message>
        <source>The gateway rejected the API key; jobs are paused, not lost. Open Settings and enter a new key to carry on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryBar</name>
    <message>
        <source>Search prompts (Ctrl+F)</source>
        <extracomment>Typing pauses this long before the list is searched again: one query per word, not per key.</extracomment>
        <translation>搜索提示词（Ctrl+F）</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>搜索素材库</translation>
    </message>
    <message>
        <source>Filter by mode</source>
        <translation>按模式筛选</translation>
    </message>
    <message>
        <source>All modes</source>
        <translation>全部模式</translation>
    </message>
    <message>
        <source>Filter by model</source>
        <translation>按模型筛选</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>全部模型</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>快速</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Ready to play</source>
        <translation>可播放</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Failed or needs you</source>
        <translation>失败或需处理</translation>
    </message>
    <message>
        <source>Filter by date</source>
        <translation>按日期筛选</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>排序方式</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新优先</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>最早优先</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Veo Desktop</source>
        <translation>Veo Desktop</translation>
    </message>
    <message>
        <source> — offline demo</source>
        <translation> — 离线演示</translation>
    </message>
    <message>
        <source>Modes</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文生视频</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图生视频</translation>
    </message>
    <message>
        <source>First + Last</source>
        <translation>首尾帧</translation>
    </message>
    <message>
        <source>References</source>
        <translation>参考图</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>延长</translation>
    </message>
    <message>
        <source>Ctrl+%d</source>
        <translation>Ctrl+%d</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>No jobs match. Clear the search or filters.</source>
        <translation>没有匹配的任务。请清除搜索或筛选条件。</translation>
    </message>
    <message>
        <source>Offline demo: jobs run on the built-in simulator of the gateway. Nothing is sent over the network or billed.</source>
        <translation>离线演示：任务在内置的网关模拟器上运行，不会通过网络发送任何内容，也不会产生费用。</translation>
    </message>
    <message>
        <source>Demo mode notice</source>
        <translation>演示模式提示</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Costs</source>
        <translation>费用(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Spending…</source>
        <translation>花费统计(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Price table…</source>
        <translation>价格表(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Job %s sent.</source>
        <translation>任务 %s 已发送。</translation>
    </message>
    <message>
        <source>No jobs yet. Write a prompt (or drop frames) on the left and press Ctrl+Return.</source>
        <translation>还没有任务。在左侧输入提示词（或拖入帧图片），然后按 Ctrl+Return。</translation>
    </message>
    <message>
        <source>Settings saved. Restart Veo Desktop to switch the language.</source>
        <translation>设置已保存。重启 Veo Desktop 后即可切换语言。</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
</context>
<context>
    <name>PlayerDialog</name>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>No sound device was found on this computer.</source>
        <translation>此电脑上未找到音频输出设备。</translation>
    </message>
</context>
<context>
    <name>PriceDialog</name>
    <message>
        <source>Price table</source>
        <translation>价格表</translation>
    </message>
    <message>
        <source>US dollars per second of video. These start as Google&apos;s public list prices for Veo 3.1; your gateway sets its own prices and may change them. Estimates use this table; the gateway&apos;s bill is final.</source>
        <translation>单位：美元/每秒视频。初始值为谷歌公布的 Veo 3.1 官方标价；你的网关会自行定价，且可能调整价格。预估按此表计算，实际费用以网关账单为准。</translation>
    </message>
    <message>
        <source>Prices per second</source>
        <translation>每秒价格</translation>
    </message>
    <message>
        <source>With audio</source>
        <translation>含音频</translation>
    </message>
    <message>
        <source>Without audio</source>
        <translation>不含音频</translation>
    </message>
    <message>
        <source>Reset to list prices</source>
        <translation>恢复官方标价</translation>
    </message>
    <message>
        <source>“%1” for %2 is not a price. Type a number such as 0.15.</source>
        <translation>%2 的“%1”不是有效价格。请输入数字，例如 0.15。</translation>
    </message>
    <message>
        <source>Could not save the prices (%1). Check that the folder is writable.</source>
        <translation>无法保存价格（%1）。请检查该文件夹是否可写。</translation>
    </message>
</context>
<context>
    <name>ReferenceSlots</name>
    <message>
        <source>Reference %d</source>
        <translation>参考图 %d</translation>
    </message>
    <message>
        <source>Move reference %d left</source>
        <translation>将参考图 %d 左移</translation>
    </message>
    <message>
        <source>Move reference %d right</source>
        <translation>将参考图 %d 右移</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Gateway base URL</source>
        <translation>网关基础 URL</translation>
    </message>
    <message>
        <source>Gateway URL</source>
        <translation>网关 URL</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>sk-…  (stored in the system keyring)</source>
        <translation>sk-…  （保存在系统密钥环中）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>连接测试结果</translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation>下载文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Jobs at once</source>
        <translation>同时运行的任务数</translation>
    </message>
    <message>
        <source>Allow plain http to a non-local gateway (sends the key unencrypted)</source>
        <translation>允许以明文 http 连接非本地网关（密钥将以未加密方式发送）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Using the key from the VEO_API_KEY environment variable; it is never stored.</source>
        <translation>正在使用环境变量 VEO_API_KEY 中的密钥，该密钥不会被保存。</translation>
    </message>
    <message>
        <source>Kept only in the system keyring (%s).</source>
        <translation>仅保存在系统密钥环中（%s）。</translation>
    </message>
    <message>
        <source>A key is stored; type to replace it</source>
        <translation>已保存密钥；输入新密钥即可替换</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>✔ Key accepted.</source>
        <translation>✔ 密钥有效。</translation>
    </message>
    <message>
        <source>✘ Key rejected. Check the key for this gateway.</source>
        <translation>✘ 密钥被拒绝。请检查此网关对应的密钥。</translation>
    </message>
    <message>
        <source>✘ Gateway unreachable. Check the URL and your connection.</source>
        <translation>✘ 无法连接网关。请检查 URL 和网络连接。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>SpendDialog</name>
    <message>
        <source>Spending</source>
        <translation>花费统计</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>Spend per period</source>
        <translation>各时段花费</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Estimated spend</source>
        <translation>预估花费</translation>
    </message>
    <message>
        <source>Estimates from the price table (list prices unless you changed them). Failed and blocked jobs are not billed and count zero.</source>
        <translation>按价格表预估（未修改时即官方标价）。失败和被拦截的任务不计费，按零计算。</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>合计：%1</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <source>Welcome to Veo Desktop</source>
        <translation>欢迎使用 Veo Desktop</translation>
    </message>
    <message>
        <source>Generate video with Veo 3.1 through your gateway. Your API key is kept only in the system keyring.
No key yet? The offline demo answers like a real gateway, with real clips, and needs no network.</source>
        <translation>通过你的网关使用 Veo 3.1 生成视频。API 密钥仅保存在系统密钥环中。
还没有密钥？离线演示会像真实网关一样响应并返回真实的视频片段，而且无需联网。</translation>
    </message>
    <message>
        <source>Connect to my gateway…</source>
        <translation>连接我的网关…</translation>
    </message>
    <message>
        <source>Connect to my gateway</source>
        <translation>连接我的网关</translation>
    </message>
    <message>
        <source>Try the offline demo</source>
        <translation>试用离线演示</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>This clip is more than two days old; the upstream may have deleted it, and extension would fail.</source>
        <translation>此片段已生成超过两天，上游可能已将其删除，延长会失败。</translation>
    </message>
    <message>
        <source>This clip is {resolution}; extension works on 720p clips.</source>
        <translation>此片段为 {resolution}，仅 720p 片段支持延长。</translation>
    </message>
    <message>
        <source>The gateway gave no link for this clip; extension needs the clip&apos;s URL.</source>
        <translation>网关未提供此片段的链接，而延长需要片段的 URL。</translation>
    </message>
    <message>
        <source>Only a finished clip can be extended.</source>
        <translation>只有已完成的片段才能延长。</translation>
    </message>
    <message>
        <source>This job has no downloaded clip yet.</source>
        <translation>此任务还没有已下载的片段。</translation>
    </message>
    <message>
        <source>This job has no downloaded clip to export.</source>
        <translation>此任务没有可导出的已下载片段。</translation>
    </message>
    <message>
        <source>Retry without audio</source>
        <translation>关闭音频后重试</translation>
    </message>
    <message>
        <source>extension sends no duration; Veo adds about {seconds} s</source>
        <translation>延长不传时长，Veo 约增加 {seconds} 秒</translation>
    </message>
    <message>
        <source>audio on (upstream default)</source>
        <translation>音频开启（上游默认）</translation>
    </message>
    <message>
        <source>no duration given; Veo&apos;s default is {seconds} s</source>
        <translation>未指定时长，Veo 默认为 {seconds} 秒</translation>
    </message>
</context>
</TS>
