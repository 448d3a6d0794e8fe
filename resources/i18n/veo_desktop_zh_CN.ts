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
        <source>Estimate at your price table: %1 s of %2, %3. The gateway&apos;s bill is final.</source>
        <translation>按你的价格表预估：%2，%1 秒，%3。以网关的账单为准。</translation>
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
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <source>Running %1%</source>
        <extracomment>A row&apos;s words that say more than the state (core&apos;s table names each state: `JobState.heading` on a row, `JobState.label` mid-sentence). Pairs of (row, spoken): recasing a translation is wrong in many languages. Translated by `tr` when shown.</extracomment>
        <translation>生成中 %1%</translation>
    </message>
    <message>
        <source>running %1 percent</source>
        <translation>生成中，百分之 %1</translation>
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
        <source>1 check failed</source>
        <translation>1 项检查未通过</translation>
    </message>
    <message>
        <source>%1 checks failed</source>
        <translation>%1 项检查未通过</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <source>Clip matches its request</source>
        <translation>片段与请求相符</translation>
    </message>
    <message>
        <source>%1 takes</source>
        <translation>%1 个版本</translation>
    </message>
    <message>
        <source>Take %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>种子 %1</translation>
    </message>
    <message>
        <source>%1 ready</source>
        <translation>%1 个已就绪</translation>
    </message>
    <message>
        <source>%1 in progress</source>
        <translation>%1 个进行中</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 个失败</translation>
    </message>
    <message>
        <source>Group of %1 takes, %2: %3</source>
        <translation>一组 %1 个版本，%2：%3</translation>
    </message>
    <message>
        <source>%1 job, %2, %3: %4</source>
        <translation>%1任务，%2，%3：%4</translation>
    </message>
    <message>
        <source>%1 job, %2, %3, %5: %4</source>
        <extracomment>Gives a downloaded job&apos;s poster if it is at hand, else None (and `set_poster` follows). Posters held for painting. A screenful is under a dozen rows; the rest of a long list costs nothing until it scrolls into view (then its poster source answers again).</extracomment>
        <translation>%1任务，%2，%3，%5：%4</translation>
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
        <source>%1 is %2 but the video is set to %3. Depending on the gateway, the frame is cropped or letterboxed to %3, or the video follows the frame&apos;s shape.</source>
        <translation>%1为 %2，但视频设置为 %3。根据网关不同，该帧会被裁剪或加黑边至 %3，或者视频会沿用该帧的宽高比。</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>Line</source>
        <extracomment>Column -&gt; the batch file&apos;s field an edit of it writes (core reads it as it reads the file).</extracomment>
        <translation>行号</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Aspect</source>
        <translation>宽高比</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>No price is known for this model and length (see Costs ▸ Price table).</source>
        <translation>此模型和时长没有已知价格（见“费用 ▸ 价格表”）。</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>1 row</source>
        <translation>1 行</translation>
    </message>
    <message>
        <source>%n rows</source>
        <translation>%n 行</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>Paused: %1 Resume to try again.</source>
        <translation>已暂停：%1 点击“继续”重试。</translation>
    </message>
    <message>
        <source>Paused. Jobs already sent go on; Resume sends the rest.</source>
        <translation>已暂停。已发送的任务会继续进行；点击“继续”发送其余任务。</translation>
    </message>
    <message>
        <source>Gateway busy (429): sending again in %1 s</source>
        <translation>网关繁忙（429）：%1 秒后重新发送</translation>
    </message>
    <message>
        <source>Every row is sent; the rest is up to the gateway.</source>
        <translation>所有行均已发送，接下来由网关处理。</translation>
    </message>
    <message>
        <source>The gateway takes %1 jobs at once for now (your setting: %2); %3 in use.</source>
        <translation>网关目前同时只接受 %1 个任务（你的设置：%2），已占用 %3 个。</translation>
    </message>
    <message>
        <source>All %1 jobs at once in use; the next row is sent when one is done.</source>
        <translation>同时运行的 %1 个任务名额已全部占用；有任务完成后再发送下一行。</translation>
    </message>
    <message>
        <source>Sending: %1 of %2 jobs at once in use.</source>
        <translation>发送中：同时运行的 %2 个任务名额已占用 %1 个。</translation>
    </message>
    <message>
        <source>This file was started as a batch on %1 (%2 of %3 rows done; see the Batch queue). Start makes a new batch: its rows are sent, and billed, again.</source>
        <translation>此文件已于 %1 作为批量任务启动过（%3 行中已完成 %2 行；见“批量队列”）。点击“开始”会新建一个批量任务：其中的行会再次发送，并再次计费。</translation>
    </message>
    <message>
        <source>Storyboard</source>
        <translation>故事板</translation>
    </message>
    <message>
        <source>The storyboards kept here, newest first</source>
        <translation>此处保存的故事板，最新的在前</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>A new storyboard with one empty shot</source>
        <translation>新建一个含一个空镜头的故事板</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Open a storyboard saved as a JSON file</source>
        <translation>打开保存为 JSON 文件的故事板</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save this storyboard as a JSON file</source>
        <translation>将此故事板保存为 JSON 文件</translation>
    </message>
    <message>
        <source>Storyboard title</source>
        <translation>故事板标题</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Generate board</source>
        <translation>生成故事板</translation>
    </message>
    <message>
        <source>Send every shot without a take; chained shots go once the shot before is in</source>
        <translation>发送所有还没有版本的镜头；接续的镜头会等上一个镜头完成后再发送</translation>
    </message>
    <message>
        <source>Watch as one film</source>
        <translation>作为成片观看</translation>
    </message>
    <message>
        <source>The chosen takes in order, with their trims; export one MP4</source>
        <translation>按顺序播放选定的版本（含裁剪），可导出为一个 MP4</translation>
    </message>
    <message>
        <source>Estimated cost</source>
        <translation>预估费用</translation>
    </message>
    <message>
        <source>Board progress</source>
        <translation>故事板进度</translation>
    </message>
    <message>
        <source>Made %1</source>
        <translation>创建于 %1</translation>
    </message>
    <message>
        <source>Make a storyboard with New, or open one saved as JSON.</source>
        <translation>点击“新建”创建故事板，或打开保存为 JSON 的故事板。</translation>
    </message>
    <message>
        <source>Shots done: %1 of %2</source>
        <translation>已完成镜头：%1/%2</translation>
    </message>
    <message>
        <source>What Generate would send. Shots to send: %1.</source>
        <translation>点击“生成”将发送的内容。待发送镜头：%1 个。</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>生成中…</translation>
    </message>
    <message>
        <source>Sound off</source>
        <translation>关闭声音</translation>
    </message>
    <message>
        <source>Sound on</source>
        <translation>开启声音</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>宽高比</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>%1 of this shot (the board&apos;s unless you pick one)</source>
        <translation>此镜头的%1（未选择时沿用故事板的设置）</translation>
    </message>
    <message>
        <source>%1 of every shot that does not pick its own</source>
        <translation>未单独设置的镜头所用的%1</translation>
    </message>
    <message>
        <source>Board&apos;s (%1)</source>
        <translation>沿用故事板（%1）</translation>
    </message>
    <message>
        <source>Film: %1</source>
        <translation>成片：%1</translation>
    </message>
    <message>
        <source>Film</source>
        <translation>成片</translation>
    </message>
    <message>
        <source>Play the film (Space)</source>
        <translation>播放成片（Space）</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Film position</source>
        <translation>成片播放位置</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write the film as one MP4, with a sidecar listing its shots</source>
        <translation>将成片写为一个 MP4，并附带列出各镜头的元数据文件</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>导出进度</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the export; no file is left</source>
        <translation>停止导出，不会留下任何文件</translation>
    </message>
    <message>
        <source>The film skips the shots with no finished take yet: %1.</source>
        <translation>成片将跳过还没有完成版本的镜头：%1。</translation>
    </message>
    <message>
        <source>Shot %1 of %2</source>
        <translation>镜头 %1/%2</translation>
    </message>
    <message>
        <source>Export the film</source>
        <translation>导出成片</translation>
    </message>
    <message>
        <source>MP4 video (*.mp4)</source>
        <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exported %1 (%2 s)</source>
        <translation>已导出 %1（%2 秒）</translation>
    </message>
    <message>
        <source>(no prompt yet)</source>
        <translation>（尚无提示词）</translation>
    </message>
    <message>
        <source>↳ continues from shot %1</source>
        <translation>↳ 接续镜头 %1</translation>
    </message>
    <message>
        <source>starts on its own</source>
        <translation>独立开始</translation>
    </message>
    <message>
        <source>Shot prompt</source>
        <translation>镜头提示词</translation>
    </message>
    <message>
        <source>What happens in this shot</source>
        <translation>此镜头中发生了什么</translation>
    </message>
    <message>
        <source>Continue from the previous shot</source>
        <translation>接续上一个镜头</translation>
    </message>
    <message>
        <source>Start on the exact last frame of the previous shot&apos;s chosen take</source>
        <translation>精确地从上一个镜头所选版本的最后一帧开始</translation>
    </message>
    <message>
        <source>Start frame</source>
        <translation>首帧</translation>
    </message>
    <message>
        <source>End frame</source>
        <translation>尾帧</translation>
    </message>
    <message>
        <source>Takes</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>The takes of this shot: click one to use it in the film</source>
        <translation>此镜头的各个版本：点击其中一个即可用于成片</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Make another take of this shot; its takes so far stay</source>
        <translation>为此镜头再生成一个版本，已有版本会保留</translation>
    </message>
    <message>
        <source>No shot selected</source>
        <translation>未选择镜头</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>镜头 %1</translation>
    </message>
    <message>
        <source>Shot %1&apos;s last frame</source>
        <translation>镜头 %1 的最后一帧</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>In the film</source>
        <translation>已用于成片</translation>
    </message>
    <message>
        <source>Click to use this take in the film</source>
        <translation>点击将此版本用于成片</translation>
    </message>
    <message>
        <source>Waiting for shot %1</source>
        <translation>等待镜头 %1</translation>
    </message>
    <message>
        <source>Shot %1: %2. %3</source>
        <extracomment>A drag asks to move a shot: its id and its new place among the others (the store keeps the order; the rows move at once so the drop does not jump back).</extracomment>
        <translation>镜头 %1：%2。%3</translation>
    </message>
    <message>
        <source>no prompt yet</source>
        <translation>尚无提示词</translation>
    </message>
    <message>
        <source>Film timeline</source>
        <translation>成片时间线</translation>
    </message>
    <message>
        <source>Click to go there; drag a take&apos;s yellow edges to trim it (the file is not changed)</source>
        <translation>点击可跳转到该处；拖动版本的黄色边缘可进行裁剪（不会修改文件）</translation>
    </message>
    <message>
        <source>Shots</source>
        <translation>镜头</translation>
    </message>
    <message>
        <source>Add shot</source>
        <translation>添加镜头</translation>
    </message>
    <message>
        <source>A new shot after the selected one</source>
        <translation>在所选镜头之后新增一个镜头</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>A copy of this shot after it, no takes</source>
        <translation>在此镜头之后添加它的副本（不含版本）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the shot; its takes stay in the library</source>
        <translation>删除此镜头；其版本仍保留在素材库中</translation>
    </message>
    <message>
        <source>Move the shot up</source>
        <translation>上移镜头</translation>
    </message>
    <message>
        <source>Move the shot down</source>
        <translation>下移镜头</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Storyboard %1</source>
        <translation>故事板 %1</translation>
    </message>
    <message>
        <source>Storyboard saved as %1.</source>
        <translation>故事板已保存为 %1。</translation>
    </message>
    <message>
        <source>Every shot has a take. Regenerate a shot to make another one.</source>
        <translation>每个镜头都已有版本。如需再生成一个，请对该镜头使用“重新生成”。</translation>
    </message>
    <message>
        <source>Generate the storyboard for about %1?</source>
        <translation>要生成此故事板吗？费用约 %1。</translation>
    </message>
    <message>
        <source>Generate the storyboard</source>
        <translation>生成故事板</translation>
    </message>
    <message>
        <source>Shots to send: %1.</source>
        <translation>待发送镜头：%1 个。</translation>
    </message>
    <message>
        <source>Without a price: %1.</source>
        <translation>无价格：%1 个。</translation>
    </message>
    <message>
        <source>Shots that continue go one after another, each once the shot before is in. Your gateway may charge differently.</source>
        <translation>接续的镜头会依次发送，每个都等上一个镜头完成后再发送。网关实际收费可能不同。</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Film exported: %1</source>
        <translation>成片已导出：%1</translation>
    </message>
</context>
<context>
    <name>BatchController</name>
    <message>
        <source>The batch stopped on an error; the log has the details.</source>
        <translation>批量任务因出错而停止，详情请查看日志。</translation>
    </message>
    <message>
        <source>Only rows not sent yet can be cancelled.</source>
        <translation>只能取消尚未发送的行。</translation>
    </message>
</context>
<context>
    <name>BatchUi</name>
    <message>
        <source>Import batch</source>
        <translation>导入批量任务</translation>
    </message>
    <message>
        <source>Batch files (*.txt *.csv *.jsonl)</source>
        <translation>批量文件 (*.txt *.csv *.jsonl)</translation>
    </message>
    <message>
        <source>The batch could not be kept (%1); nothing was sent.</source>
        <translation>无法保存批量任务（%1），未发送任何内容。</translation>
    </message>
    <message>
        <source>Batch queue</source>
        <translation>批量队列</translation>
    </message>
    <message>
        <source>Batch %1 finished: %2 done, %3 failed.</source>
        <translation>批量任务 %1 已结束：%2 个完成，%3 个失败。</translation>
    </message>
</context>
<context>
    <name>Caption</name>
    <message>
        <source>Hear this take (the others are silent)</source>
        <translation>听此版本的声音（其他版本静音）</translation>
    </message>
    <message>
        <source>Hear %1</source>
        <translation>听 %1</translation>
    </message>
    <message>
        <source>Keep this one</source>
        <translation>保留这个</translation>
    </message>
    <message>
        <source>Keep %1 and move the other takes to the trash</source>
        <translation>保留 %1，并将其他版本移到回收站</translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation>保留 %1</translation>
    </message>
    <message>
        <source>random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>种子 %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>No sound device was found on this computer.</source>
        <translation>此电脑上未找到音频输出设备。</translation>
    </message>
</context>
<context>
    <name>ChoiceDelegate</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <source>Compare %1 takes</source>
        <translation>对比 %1 个版本</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>并排</translation>
    </message>
    <message>
        <source>Every take in its own picture</source>
        <translation>每个版本各占一个画面</translation>
    </message>
    <message>
        <source>Wipe</source>
        <translation>划像</translation>
    </message>
    <message>
        <source>A left of the divider, B right: drag it</source>
        <translation>分隔线左侧为 A，右侧为 B：可拖动分隔线</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <source>Where A and B differ, amplified: black is the same</source>
        <translation>放大显示 A 与 B 的差异：黑色表示相同</translation>
    </message>
    <message>
        <source>Compare two takes to see them as one picture</source>
        <translation>对比两个版本时才能合成一个画面查看</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>播放或暂停</translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation>上一帧</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <source>Sound on or off</source>
        <translation>开启或关闭声音</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Leave full screen, or close</source>
        <translation>退出全屏或关闭</translation>
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
    <message>
        <source>Set the aspect ratio to the frame&apos;s</source>
        <translation>将宽高比设为与该帧一致</translation>
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
        <source>Takes</source>
        <translation>版本数</translation>
    </message>
    <message>
        <source>Takes: send 1 to 4 variants of this prompt that differ only in seed</source>
        <translation>版本数：按此提示词发送 1 到 4 个仅种子不同的版本</translation>
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
        <source>the seed</source>
        <translation>种子</translation>
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
        <source>The start frame</source>
        <translation>首帧</translation>
    </message>
    <message>
        <source>The end frame</source>
        <translation>尾帧</translation>
    </message>
    <message>
        <source>Use %1</source>
        <translation>改用 %1</translation>
    </message>
    <message>
        <source>Set the aspect ratio to %1</source>
        <translation>将宽高比设为 %1</translation>
    </message>
    <message>
        <source>%1 × %2 = %3</source>
        <translation>%1 × %2 = %3</translation>
    </message>
    <message>
        <source>%1 takes that differ only in seed.</source>
        <translation>%1 个仅种子不同的版本。</translation>
    </message>
    <message>
        <source>Generate %1</source>
        <translation>生成 %1</translation>
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
%1
Please attach it if you report the problem.</source>
        <translation>Veo Desktop 遇到了意外错误。你的任务都已安全保存在任务日志中。错误报告（不含任何密钥）已保存到：
%1
反馈问题时请附上此报告。</translation>
    </message>
</context>
<context>
    <name>DraftUndo</name>
    <message>
        <source>Undo</source>
        <extracomment>How long Undo stays offered; the status message shows as long.</extracomment>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo: bring back the replaced draft</source>
        <translation>撤销：恢复被替换的草稿</translation>
    </message>
    <message>
        <source>Your draft in the %1 tab was replaced. Undo brings it back.</source>
        <translation>“%1”标签页中的草稿已被替换。点击“撤销”即可恢复。</translation>
    </message>
    <message>
        <source>Draft restored.</source>
        <translation>草稿已恢复。</translation>
    </message>
</context>
<context>
    <name>FramePairSlots</name>
    <message>
        <source>Start frame</source>
        <extracomment>Width a slot needs to sit beside another one (below it, the slots stack). Extra width before stacked slots go side by side again: more than a scrollbar, so the scrollbar that stacking brings (or takes away) cannot flip the layout back and forth.</extracomment>
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
    <name>FrameTools</name>
    <message>
        <source>As the next start frame (First + Last)</source>
        <translation>作为下一段的首帧（首尾帧）</translation>
    </message>
    <message>
        <source>As the next end frame (First + Last)</source>
        <translation>作为下一段的尾帧（首尾帧）</translation>
    </message>
    <message>
        <source>As the start image (Image)</source>
        <translation>作为首帧（图生视频）</translation>
    </message>
    <message>
        <source>As a reference (Reference)</source>
        <translation>作为参考图（参考图模式）</translation>
    </message>
    <message>
        <source>Export frame as PNG…</source>
        <translation>将此帧导出为 PNG…</translation>
    </message>
    <message>
        <source>Frame from here</source>
        <translation>取用此帧</translation>
    </message>
    <message>
        <source>Use the frame on screen in the next job</source>
        <translation>将当前画面的帧用于下一个任务</translation>
    </message>
    <message>
        <source>Select a finished clip first.</source>
        <translation>请先选择一个已完成的片段。</translation>
    </message>
    <message>
        <source>The frame at %1 is in the %2 tab.</source>
        <translation>%1 处的帧已放入“%2”标签页。</translation>
    </message>
    <message>
        <source>Export frame as PNG</source>
        <translation>将此帧导出为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Frame saved as %1.</source>
        <translation>帧已保存为 %1。</translation>
    </message>
</context>
<context>
    <name>ImageSlot</name>
    <message>
        <source>Remove this image</source>
        <translation>移除此图片</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>移除%1</translation>
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
        <source>Choose an image: %1</source>
        <translation>选择图片：%1</translation>
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
        <source>Linked image from %1.</source>
        <translation>来自 %1 的链接图片。</translation>
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
        <source>Check clip again</source>
        <translation>重新检查片段</translation>
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
    <message numerus="yes">
        <source>Move the %n takes of this prompt (clips and sidecars) to the trash and remove them from the list?</source>
        <translation>
            <numerusform>要将此提示词的 %n 个版本（片段及其元数据文件）移到回收站，并从列表中移除吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <source>Move this clip and its sidecar to the trash and remove the job from the list?

%1</source>
        <translation>要将此片段及其元数据文件移到回收站，并从列表中移除该任务吗？

%1</translation>
    </message>
</context>
<context>
    <name>JobController</name>
    <message>
        <source>The gateway rejected the API key; jobs are paused, not lost. Open Settings and enter a new key to carry on.</source>
        <translation>网关拒绝了 API 密钥；任务已暂停，不会丢失。请打开设置并输入新的密钥以继续。</translation>
    </message>
    <message>
        <source>The gateway still does not know this job.</source>
        <translation>网关仍然找不到此任务。</translation>
    </message>
    <message>
        <source>Checking the clip against its request…</source>
        <translation>正在对照请求检查片段…</translation>
    </message>
    <message>
        <source>The clip could not be checked; the log says why.</source>
        <translation>无法检查片段，原因请查看日志。</translation>
    </message>
    <message>
        <source>The clip matches its request.</source>
        <translation>片段与请求相符。</translation>
    </message>
    <message>
        <source>The clip does not match its request: %1.</source>
        <translation>片段与请求不符：%1。</translation>
    </message>
    <message>
        <source>Could not move the files to the trash (%1); nothing was deleted.</source>
        <translation>无法将文件移到回收站（%1），未删除任何内容。</translation>
    </message>
    <message>
        <source>Could not rate the take: %1</source>
        <translation>无法为此版本评分：%1</translation>
    </message>
    <message numerus="yes">
        <source>Kept this take; %n other take(s) moved to the trash.</source>
        <translation>
            <numerusform>已保留此版本；其他 %n 个版本已移到回收站。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobKeys</name>
    <message>
        <source>Select a job first: click it in the job list, then press the key.</source>
        <translation>请先选择任务：在任务列表中点击该任务，然后再按此快捷键。</translation>
    </message>
    <message>
        <source>“%1” does not apply to the selected job.</source>
        <translation>“%1”不适用于所选任务。</translation>
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
    <message>
        <source>⚠ Failed checks</source>
        <translation>⚠ 未通过检查</translation>
    </message>
    <message>
        <source>Show only clips that failed a check</source>
        <translation>只显示未通过检查的片段</translation>
    </message>
    <message>
        <source>Show only clips that do not match their request (end frame, sound, length…)</source>
        <translation>只显示与请求不符的片段（尾帧、声音、时长…）</translation>
    </message>
    <message>
        <source>★ Kept</source>
        <translation>★ 已保留</translation>
    </message>
    <message>
        <source>Show only kept takes</source>
        <translation>只显示已保留的版本</translation>
    </message>
    <message>
        <source>Show only the takes you kept or rated (1 to 5 stars)</source>
        <translation>只显示你保留或评过分（1 到 5 星）的版本</translation>
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
        <source>Ctrl+%1</source>
        <translation>Ctrl+%1</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Job journal recovered</source>
        <translation>任务日志已恢复</translation>
    </message>
    <message>
        <source>Moved to the trash.</source>
        <translation>已移到回收站。</translation>
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
        <source>Job %1 sent.</source>
        <translation>任务 %1 已发送。</translation>
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
    <name>OfferBar</name>
    <message>
        <source>One job per line?</source>
        <translation>每行一个任务？</translation>
    </message>
    <message>
        <source>&amp;Keep as one prompt</source>
        <translation>保留为一条提示词(&amp;K)</translation>
    </message>
    <message numerus="yes">
        <source>Make %n jobs, one per line?</source>
        <translation>
            <numerusform>要按每行一个，创建 %n 个任务吗？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Make %n jobs</source>
        <translation>
            <numerusform>创建 %n 个任务(&amp;M)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PictureView</name>
    <message>
        <source>Wipe: drag to move the divider</source>
        <translation>划像：拖动以移动分隔线</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <source>This clip could not be played: %1</source>
        <translation>无法播放此片段：%1</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Batch preview — %1</source>
        <translation>批量预览 — %1</translation>
    </message>
    <message>
        <source>Batch preview</source>
        <translation>批量预览</translation>
    </message>
    <message>
        <source>%1: check the rows. Double-click a prompt, model, aspect, length or audio to change it. Nothing is sent until you press Start.</source>
        <translation>%1：请检查各行。双击提示词、模型、宽高比、时长或音频即可修改。按“开始”之前不会发送任何内容。</translation>
    </message>
    <message>
        <source>Batch rows</source>
        <translation>批量任务的行</translation>
    </message>
    <message>
        <source>Rows that cannot be sent</source>
        <translation>无法发送的行</translation>
    </message>
    <message>
        <source>Batch cost and time</source>
        <translation>批量任务的费用和耗时</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>…还有 %n 条。</numerusform>
        </translation>
    </message>
    <message>
        <source>1 row cannot be sent:</source>
        <translation>1 行无法发送：</translation>
    </message>
    <message numerus="yes">
        <source>%n rows cannot be sent:</source>
        <translation>
            <numerusform>%n 行无法发送：</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 rows can be sent.</source>
        <translation>%2 行中有 %1 行可以发送。</translation>
    </message>
    <message>
        <source>Estimated cost %1 at list prices (the gateway may charge differently).</source>
        <translation>按官方标价预估费用 %1（网关实际收费可能不同）。</translation>
    </message>
    <message>
        <source>Estimated cost %1 at your price table.</source>
        <translation>按你的价格表预估费用 %1。</translation>
    </message>
    <message>
        <source>Rows without a price: %1.</source>
        <translation>无价格的行：%1。</translation>
    </message>
    <message>
        <source>About %1 at %2 jobs at once (a job takes about %3 here).</source>
        <translation>同时运行 %2 个任务，约需 %1（此处每个任务约需 %3）。</translation>
    </message>
    <message>
        <source>&amp;Start 1 job</source>
        <translation>开始 1 个任务(&amp;S)</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Start %n jobs</source>
        <translation>
            <numerusform>开始 %n 个任务(&amp;S)</numerusform>
        </translation>
    </message>
    <message>
        <source>S&amp;kip 1 invalid row</source>
        <translation>跳过 1 个无效行(&amp;K)</translation>
    </message>
    <message numerus="yes">
        <source>S&amp;kip %n invalid rows</source>
        <translation>
            <numerusform>跳过 %n 个无效行(&amp;K)</numerusform>
        </translation>
    </message>
    <message>
        <source>Start the rows that can be sent; the others are skipped.</source>
        <translation>开始发送可发送的行，其余行将被跳过。</translation>
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
    <name>QueuePanel</name>
    <message>
        <source>Batch</source>
        <translation>批量任务</translation>
    </message>
    <message>
        <source>Rows by state</source>
        <translation>各状态的行数</translation>
    </message>
    <message>
        <source>Sending pace</source>
        <translation>发送节奏</translation>
    </message>
    <message>
        <source>Batch queue</source>
        <translation>批量队列</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Cancel selected</source>
        <translation>取消所选</translation>
    </message>
    <message>
        <source>Rows not sent yet are cancelled; nothing is billed.</source>
        <translation>取消尚未发送的行，不会产生费用。</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>ReferenceSlots</name>
    <message>
        <source>Reference %1</source>
        <translation>参考图 %1</translation>
    </message>
    <message>
        <source>Move reference %1 left</source>
        <translation>将参考图 %1 左移</translation>
    </message>
    <message>
        <source>Move reference %1 right</source>
        <translation>将参考图 %1 右移</translation>
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
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Ask the keyring again</source>
        <translation>重新读取密钥环</translation>
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
        <source>Request dialect</source>
        <translation>请求格式</translation>
    </message>
    <message>
        <source>What this gateway&apos;s clips showed</source>
        <translation>此网关的片段检查情况</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>清除记录</translation>
    </message>
    <message>
        <source>Forget what this gateway&apos;s clips showed</source>
        <translation>清除此网关的片段检查记录</translation>
    </message>
    <message>
        <source>Start counting afresh, for example after the gateway was fixed</source>
        <translation>重新开始统计，例如在网关修复之后</translation>
    </message>
    <message>
        <source>Clip checks</source>
        <translation>片段检查</translation>
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
        <source>The offline demo needs no API key; the system keyring is not used.</source>
        <translation>离线演示无需 API 密钥，不会使用系统密钥环。</translation>
    </message>
    <message>
        <source>Using the key from the VEO_API_KEY environment variable; it is never stored.</source>
        <translation>正在使用环境变量 VEO_API_KEY 中的密钥，该密钥不会被保存。</translation>
    </message>
    <message>
        <source>Asking the system keyring…</source>
        <translation>正在读取系统密钥环…</translation>
    </message>
    <message>
        <source>Kept only in the system keyring (%1).</source>
        <translation>仅保存在系统密钥环中（%1）。</translation>
    </message>
    <message>
        <source>A key is stored; type to replace it</source>
        <translation>已保存密钥；输入新密钥即可替换</translation>
    </message>
    <message>
        <source>The system keyring is locked or not answering. Unlock it (for example, log in to your desktop&apos;s keyring), then choose Try again. The other settings can be changed and saved meanwhile.</source>
        <translation>系统密钥环已锁定或没有响应。请解锁（例如登录桌面环境的密钥环），然后点击“重试”。在此期间，其他设置仍可照常修改和保存。</translation>
    </message>
    <message>
        <source>Automatic (detected: %1)</source>
        <translation>自动（已检测到：%1）</translation>
    </message>
    <message>
        <source>Automatic (not detected yet)</source>
        <translation>自动（尚未检测到）</translation>
    </message>
    <message>
        <source>Documented fields (the gateway&apos;s page)</source>
        <translation>文档字段（网关页面所列）</translation>
    </message>
    <message>
        <source>new-api (settings under metadata, size as WxH)</source>
        <translation>new-api（生成设置放在 metadata 中，尺寸为 WxH）</translation>
    </message>
    <message>
        <source>Gateways read different fields. new-api drops the end frame, the 2nd and 3rd reference, extension and image links; Veo Desktop warns before sending those.</source>
        <translation>不同网关读取的字段不同。new-api 会丢弃尾帧、第 2 和第 3 张参考图、延长和图片链接；发送这类任务前，Veo Desktop 会先提醒你。</translation>
    </message>
    <message>
        <source>%1 Detected from: %2.</source>
        <translation>%1检测依据：%2。</translation>
    </message>
    <message>
        <source>No clips checked yet.</source>
        <translation>尚未检查任何片段。</translation>
    </message>
    <message>
        <source>No repeated problems so far; clips checked: %1.</source>
        <translation>目前没有反复出现的问题；已检查片段：%1 个。</translation>
    </message>
    <message>
        <source>No problems seen so far; clips checked: %1.</source>
        <translation>目前未发现问题；已检查片段：%1 个。</translation>
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
    <message>
        <source>✘ The system keyring is locked or not answering; unlock it and retry.</source>
        <translation>✘ 系统密钥环已锁定或没有响应；请解锁后重试。</translation>
    </message>
    <message>
        <source>Saving the key in the system keyring…</source>
        <translation>正在将密钥保存到系统密钥环…</translation>
    </message>
    <message>
        <source>The key was not saved: the system keyring is locked or not answering. Unlock it and save again.</source>
        <translation>密钥未保存：系统密钥环已锁定或没有响应。请解锁后重新保存。</translation>
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
        <source>These jobs ran on the offline demo: demo jobs are not billed, so they count zero.</source>
        <translation>这些任务运行在离线演示中：演示任务不计费，按零计算。</translation>
    </message>
    <message>
        <source>Estimates from the price table (list prices unless you changed them). Failed and blocked jobs are not billed and count zero.</source>
        <translation>按价格表预估（未修改时即官方标价）。失败和被拦截的任务不计费，按零计算。</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export the clips that failed a check as CSV</source>
        <translation>将未通过检查的片段导出为 CSV</translation>
    </message>
    <message>
        <source>No clip failed a check against its request.</source>
        <translation>没有未通过请求检查的片段。</translation>
    </message>
    <message>
        <source>1 clip failed a check against its request: %2.</source>
        <translation>1 个片段未通过对照请求的检查：%2。</translation>
    </message>
    <message>
        <source>%1 clips failed a check against their request: %2.</source>
        <translation>%1 个片段未通过对照请求的检查：%2。</translation>
    </message>
    <message>
        <source>Export clips that failed a check</source>
        <translation>导出未通过检查的片段</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1 (%2). Choose another folder.</source>
        <translation>无法写入 %1（%2）。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>合计：%1</translation>
    </message>
    <message>
        <source>(demo jobs are not billed)</source>
        <translation>（演示任务不计费）</translation>
    </message>
</context>
<context>
    <name>StoryController</name>
    <message>
        <source>The storyboard stopped on an error; the log has details.</source>
        <translation>故事板因出错而停止，详情请查看日志。</translation>
    </message>
    <message>
        <source>The film could not be written: %1</source>
        <translation>无法写入成片：%1</translation>
    </message>
</context>
<context>
    <name>StoryUi</name>
    <message>
        <source>Storyboard</source>
        <translation>故事板</translation>
    </message>
    <message>
        <source>Open a storyboard</source>
        <translation>打开故事板</translation>
    </message>
    <message>
        <source>Storyboards (*.json)</source>
        <translation>故事板 (*.json)</translation>
    </message>
    <message>
        <source>Save the storyboard</source>
        <translation>保存故事板</translation>
    </message>
    <message>
        <source>A new take of the shot is on its way; its other takes stay.</source>
        <translation>正在为此镜头生成新版本，其他版本会保留。</translation>
    </message>
</context>
<context>
    <name>TakeActions</name>
    <message>
        <source>Show the takes</source>
        <extracomment>JobActions&apos; action maker: (text, slot, shortcut) -&gt; an action that works while the list has the focus.</extracomment>
        <translation>展开版本</translation>
    </message>
    <message>
        <source>Fold the takes</source>
        <translation>折叠版本</translation>
    </message>
    <message>
        <source>Rate %1</source>
        <translation>评为 %1</translation>
    </message>
    <message>
        <source>Clear the rating</source>
        <translation>清除评分</translation>
    </message>
    <message>
        <source>Keep this take, trash the others…</source>
        <translation>保留此版本，其余移到回收站…</translation>
    </message>
    <message>
        <source>Compare takes…</source>
        <translation>对比版本…</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>评分</translation>
    </message>
    <message numerus="yes">
        <source>Keep this take (%1) and move the %n other take(s) of this prompt, clips and sidecars, to the trash?</source>
        <translation>
            <numerusform>要保留此版本（%1），并将此提示词的其他 %n 个版本（片段及其元数据文件）移到回收站吗？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them is still being made; it is stopped here, but the gateway may still charge for it.</source>
        <translation>
            <numerusform>其中 %n 个仍在生成中；这里会停止跟进，但网关仍可能对其计费。</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep this take</source>
        <translation>保留此版本</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>Play (Space)</source>
        <translation>播放（Space）</translation>
    </message>
    <message>
        <source>Previous frame (,)</source>
        <translation>上一帧（,）</translation>
    </message>
    <message>
        <source>Next frame (.)</source>
        <translation>下一帧（.）</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>播放位置</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Playback speed (J slower, L faster)</source>
        <translation>播放速度（J 减速，L 加速）</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环播放</translation>
    </message>
    <message>
        <source>Sound on or off (M)</source>
        <translation>开启或关闭声音（M）</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Full screen (F)</source>
        <translation>全屏（F）</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>暂停（Space）</translation>
    </message>
    <message>
        <source>No sound device was found on this computer.</source>
        <translation>此电脑上未找到音频输出设备。</translation>
    </message>
</context>
<context>
    <name>Viewer</name>
    <message>
        <source>Viewer</source>
        <translation>查看器</translation>
    </message>
    <message>
        <source>Clip length and size</source>
        <translation>片段时长和尺寸</translation>
    </message>
    <message>
        <source>Select a finished clip to watch it here.</source>
        <translation>选择一个已完成的片段即可在此观看。</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>This job has no clip yet.</source>
        <translation>此任务还没有片段。</translation>
    </message>
    <message>
        <source>%1 s · %2×%3 · %4 fps</source>
        <translation>%1 秒 · %2×%3 · %4 fps</translation>
    </message>
</context>
<context>
    <name>ViewerKeys</name>
    <message>
        <source>Play or pause the clip</source>
        <translation>播放或暂停片段</translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation>上一帧</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <source>Slower, or one frame back (hold to creep back)</source>
        <translation>减速，或后退一帧（按住可逐帧倒退）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play, then faster (up to 4×)</source>
        <translation>播放，再按则加速（最高 4×）</translation>
    </message>
    <message>
        <source>Full screen viewer</source>
        <translation>全屏查看器</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>退出全屏</translation>
    </message>
    <message>
        <source>Sound on or off</source>
        <translation>开启或关闭声音</translation>
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
    <name>WindowMenus</name>
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
        <source>&amp;Import batch…</source>
        <translation>导入批量任务(&amp;I)…</translation>
    </message>
    <message>
        <source>Batch &amp;queue</source>
        <translation>批量队列(&amp;Q)</translation>
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
        <source>Paste an image into the focused slot</source>
        <translation>将图片粘贴到当前选中的图片框</translation>
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
        <source>Depending on the gateway, the video follows the input frame&apos;s or video&apos;s shape, or crops it to the aspect ratio chosen here.</source>
        <translation>根据网关不同，视频会沿用输入帧或源视频的宽高比，或者按此处所选的宽高比进行裁剪。</translation>
    </message>
    <message>
        <source>The gateway answered with a task id another job already has. This job was not sent again: check the gateway&apos;s task list before resending.</source>
        <translation>网关返回的任务 ID 已属于另一个任务。此任务未被重新发送：重新发送前，请先在网关的任务列表中核实。</translation>
    </message>
    <message>
        <source>The gateway answered with task {task_id}, which job {other} already has, so this send may not have started a new job. It was not sent again: check the gateway&apos;s task list before resending.</source>
        <translation>网关返回的任务 ID {task_id} 已属于任务 {other}，因此这次发送可能并未创建新任务。任务未被重新发送：重新发送前，请先在网关的任务列表中核实。</translation>
    </message>
    <message>
        <source>sending the job</source>
        <translation>提交任务</translation>
    </message>
    <message>
        <source>checking the job</source>
        <translation>查询任务</translation>
    </message>
    <message>
        <source>testing the connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>The gateway did not answer in time while {doing}. Check your connection.</source>
        <translation>{doing}时网关未及时响应。请检查网络连接。</translation>
    </message>
    <message>
        <source>Could not reach the gateway while {doing}. Check your connection and the base URL.</source>
        <translation>{doing}时无法连接网关。请检查网络连接和基础 URL。</translation>
    </message>
    <message>
        <source>The video host&apos;s answer is larger than any Veo clip (over {limit} MB), so the download was stopped and nothing was kept. Choose Download again later; if it happens again, the link does not lead to a video.</source>
        <translation>视频服务器返回的内容比任何 Veo 视频片段都大（超过 {limit} MB），因此下载已停止，未保留任何内容。请稍后选择“重新下载”；如果再次出现这种情况，说明该链接指向的不是视频。</translation>
    </message>
    <message>
        <source>Could not save the video ({error}). Choose Download again.</source>
        <translation>无法保存视频（{error}）。请选择“重新下载”。</translation>
    </message>
    <message>
        <source>The gateway&apos;s security certificate could not be verified ({reason}), so nothing was sent. Check the base URL; if your gateway uses a private certificate, add it to your system&apos;s trusted certificates.</source>
        <translation>无法验证网关的安全证书（{reason}），因此没有发送任何内容。请检查基础 URL；如果你的网关使用私有证书，请将其添加到系统的受信任证书中。</translation>
    </message>
    <message>
        <source>The video link redirected too many times. Try Download again.</source>
        <translation>视频链接重定向次数过多。请尝试“重新下载”。</translation>
    </message>
    <message>
        <source>The video host refused the download (HTTP {status}). Choose Download again later.</source>
        <translation>视频服务器拒绝了下载请求（HTTP {status}）。请稍后选择“重新下载”。</translation>
    </message>
    <message>
        <source>Not enough disk space for this video: it needs {need} MB and {free} MB are free in {folder}. Free some space or choose another download folder, then choose Download again.</source>
        <translation>磁盘空间不足：此视频需要 {need} MB，而 {folder} 中仅剩 {free} MB。请释放空间或换一个下载文件夹，然后选择“重新下载”。</translation>
    </message>
    <message>
        <source>The disk is full. Free some space, then choose Download again; the finished job is kept.</source>
        <translation>磁盘已满。请释放空间后选择“重新下载”；已完成的任务会保留。</translation>
    </message>
    <message>
        <source>Cannot write to {folder}. Choose a download folder you can write to in Settings, then choose Download again.</source>
        <translation>无法写入 {folder}。请在设置中选择一个可写入的下载文件夹，然后选择“重新下载”。</translation>
    </message>
    <message>
        <source>The video host sent something that is not an MP4 (often an error page). Choose Download again later.</source>
        <translation>视频服务器返回的内容不是 MP4（通常是错误页面）。请稍后选择“重新下载”。</translation>
    </message>
    <message>
        <source>No gateway is set. Open Settings and enter the gateway&apos;s URL, or try the offline demo.</source>
        <translation>尚未设置网关。请打开设置并输入网关的 URL，或试用离线演示。</translation>
    </message>
    <message>
        <source>No API key is set for this gateway. Open Settings (or run `veo login`) and enter your key.</source>
        <translation>此网关尚未设置 API 密钥。请打开设置（或运行 `veo login`）并输入你的密钥。</translation>
    </message>
    <message>
        <source>The API key contains characters no API key has (spaces, accents or invisible characters from a copy). Paste it again in Settings (or run `veo login`).</source>
        <translation>API 密钥中含有密钥不会包含的字符（空格、带重音的字母，或复制时带入的不可见字符）。请在设置中重新粘贴（或运行 `veo login`）。</translation>
    </message>
    <message>
        <source>The gateway failed (HTTP {status}) while taking the job, so it may or may not have started. It was not sent again: check the gateway&apos;s task list before resending.</source>
        <translation>网关在接收任务时出错（HTTP {status}），任务可能已开始，也可能没有。任务未被重新发送：重新发送前，请先在网关的任务列表中核实。</translation>
    </message>
    <message>
        <source>The gateway accepted the job but sent no task id, so it cannot be followed. Check the gateway&apos;s task list.</source>
        <translation>网关已接受任务，但未返回任务 ID，因此无法跟进。请在网关的任务列表中查看。</translation>
    </message>
    <message>
        <source>The video link has expired. Fetching a fresh one from the gateway.</source>
        <translation>视频链接已过期，正在从网关获取新链接。</translation>
    </message>
    <message>
        <source>The gateway sent a video that could not be decoded.</source>
        <translation>网关返回的视频无法解码。</translation>
    </message>
    <message>
        <source>The job may have reached the gateway, but no answer came back. It was not sent again, so you are not billed twice: check the gateway&apos;s task list, then resend it yourself if it is not there.</source>
        <translation>任务可能已到达网关，但没有收到响应。为避免重复计费，任务未被重新发送：请先在网关的任务列表中核实，如果其中没有该任务，再自行重新发送。</translation>
    </message>
    <message>
        <source>The gateway answered the job with a reply Veo Desktop cannot read (cut short, or a web page: check the base URL). The job may have started, so it was not sent again: check the gateway&apos;s task list before resending.</source>
        <translation>网关对此任务返回了 Veo Desktop 无法读取的响应（内容不完整，或是网页：请检查基础 URL）。任务可能已经开始，因此未被重新发送：重新发送前，请先在网关的任务列表中核实。</translation>
    </message>
    <message>
        <source>The video host&apos;s security certificate could not be verified ({reason}), so nothing was downloaded. If you trust this host, add its certificate to your system&apos;s trusted certificates, then choose Download again.</source>
        <translation>无法验证视频主机的安全证书（{reason}），因此没有下载任何内容。如果你信任该主机，请将其证书添加到系统的受信任证书中，然后选择“重新下载”。</translation>
    </message>
    <message>
        <source>The download kept breaking off. Check your connection and choose Download again.</source>
        <translation>下载多次中断。请检查网络连接后选择“重新下载”。</translation>
    </message>
    <message>
        <source>Enter the gateway&apos;s base URL, for example https://api.example.com.</source>
        <translation>请输入网关的基础 URL，例如 https://api.example.com。</translation>
    </message>
    <message>
        <source>“{text}” is not a web address. Enter the gateway&apos;s base URL, for example https://api.example.com.</source>
        <translation>“{text}”不是网址。请输入网关的基础 URL，例如 https://api.example.com。</translation>
    </message>
    <message>
        <source>Remove the user name and password from the gateway&apos;s address: the API key goes in its own field, where it is kept in the system keyring.</source>
        <translation>请从网关地址中删除用户名和密码：API 密钥应填写在单独的输入框中，并保存在系统密钥环里。</translation>
    </message>
    <message>
        <source>Plain http would send your key unencrypted. Use the https:// address of the gateway (or allow insecure http in Settings).</source>
        <translation>使用明文 http 会以未加密方式发送密钥。请使用网关的 https:// 地址（或在设置中允许不安全的 http）。</translation>
    </message>
    <message>
        <source>“{name}” has no video track.</source>
        <translation>“{name}”没有视频轨道。</translation>
    </message>
    <message>
        <source>“{name}” is not a readable video file ({error}).</source>
        <translation>“{name}”不是可读取的视频文件（{error}）。</translation>
    </message>
    <message>
        <source>“{name}” is damaged near the end ({error}).</source>
        <translation>“{name}”末尾附近已损坏（{error}）。</translation>
    </message>
    <message>
        <source>“{name}” contains no pictures.</source>
        <translation>“{name}”不含任何画面。</translation>
    </message>
    <message>
        <source>“{name}” could not be decoded ({error}).</source>
        <translation>无法解码“{name}”（{error}）。</translation>
    </message>
    <message>
        <source>The pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <source>{label} is a folder. Choose an image file (PNG, JPEG or WebP).</source>
        <translation>{label}是一个文件夹。请选择图片文件（PNG、JPEG 或 WebP）。</translation>
    </message>
    <message>
        <source>{label} is empty (0 bytes). Choose the image again or re-export it.</source>
        <translation>{label}是空文件（0 字节）。请重新选择图片或重新导出。</translation>
    </message>
    <message>
        <source>{label} is not a regular file (a pipe, device or socket). Save the image as a PNG, JPEG or WebP file and choose that.</source>
        <translation>{label}不是普通文件（而是管道、设备或套接字）。请将图片存为 PNG、JPEG 或 WebP 文件后选择该文件。</translation>
    </message>
    <message>
        <source>{label} is larger than {megabytes} MB, far more than any frame needs. Export it smaller (PNG, JPEG or WebP) and choose it again.</source>
        <translation>{label}大于 {megabytes} MB，远超任何画面所需。请导出更小的文件（PNG、JPEG 或 WebP）后重新选择。</translation>
    </message>
    <message>
        <source>{label} is not a base64 data URI. Save the image as a file and choose it instead.</source>
        <translation>{label}不是 base64 格式的 data URI。请将图片保存为文件，然后选择该文件。</translation>
    </message>
    <message>
        <source>{label} is empty. Save the image as a file and choose it instead.</source>
        <translation>{label}为空。请将图片保存为文件，然后选择该文件。</translation>
    </message>
    <message>
        <source>Only local image files can be inspected. Choose a file.</source>
        <translation>只能检查本地图片文件。请选择一个文件。</translation>
    </message>
    <message>
        <source>An image slot is empty. Add an image or clear the slot.</source>
        <translation>有一个图片框为空。请添加图片或清空该图片框。</translation>
    </message>
    <message>
        <source>That looks like raw base64 image data, which is not accepted. Save the image as a file (PNG, JPEG or WebP) and choose it, or paste a full data:image/… URI or a link.</source>
        <translation>这看起来是原始的 base64 图片数据，无法使用。请将图片保存为文件（PNG、JPEG 或 WebP）并选择该文件，或粘贴完整的 data:image/… URI 或链接。</translation>
    </message>
    <message>
        <source>{label} was not found. It may have been moved or deleted; choose the image again.</source>
        <translation>找不到{label}，它可能已被移动或删除。请重新选择图片。</translation>
    </message>
    <message>
        <source>{label} cannot be read (permission denied). Copy it somewhere you can read, or change its permissions.</source>
        <translation>无法读取{label}（权限不足）。请将其复制到你有读取权限的位置，或修改其权限。</translation>
    </message>
    <message>
        <source>{label} could not be read. Check the file name and choose the image again.</source>
        <translation>无法读取{label}。请检查文件名并重新选择图片。</translation>
    </message>
    <message>
        <source>{label} is not an image Veo Desktop can read. Use a PNG, JPEG or WebP file.</source>
        <translation>{label}不是 Veo Desktop 能读取的图片。请使用 PNG、JPEG 或 WebP 文件。</translation>
    </message>
    <message>
        <source>{label} is too large to open safely. Resize it below {megapixels} megapixels and try again.</source>
        <translation>{label}过大，无法安全打开。请将其缩小到 {megapixels} 百万像素以下后重试。</translation>
    </message>
    <message>
        <source>{label} is damaged or incomplete — re-export it as PNG or JPEG and try again.</source>
        <translation>{label}已损坏或不完整——请重新导出为 PNG 或 JPEG 后重试。</translation>
    </message>
    <message>
        <source>{label} could not be decoded — re-export it as PNG or JPEG and try again.</source>
        <translation>无法解码{label}——请重新导出为 PNG 或 JPEG 后重试。</translation>
    </message>
    <message>
        <source>{label} is a {format} image; Veo takes PNG, JPEG or WebP. Convert it and try again.</source>
        <translation>{label}的格式为 {format}，而 Veo 只接受 PNG、JPEG 或 WebP。请转换格式后重试。</translation>
    </message>
    <message>
        <source>{label} is too large ({width} × {height}). Resize it below {megapixels} megapixels and try again.</source>
        <translation>{label}过大（{width} × {height}）。请将其缩小到 {megapixels} 百万像素以下后重试。</translation>
    </message>
    <message>
        <source>{label} is damaged (its base64 does not decode). Save the image as a file and choose it instead.</source>
        <translation>{label}已损坏（其 base64 数据无法解码）。请将图片保存为文件，然后选择该文件。</translation>
    </message>
    <message>
        <source>{label} is not an image data URI. Save the image as a file and choose it instead.</source>
        <translation>{label}不是图片的 data URI。请将图片保存为文件，然后选择该文件。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>生成中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation>已下载</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>finished without a video</source>
        <translation>已完成但无视频</translation>
    </message>
    <message>
        <source>Cannot open or write {path}: the folder is missing, read-only or full. Make it writable, or choose another data folder (--data-dir or VEO_DATA_DIR).</source>
        <translation>无法打开或写入 {path}：该文件夹不存在、只读或已满。请使其可写，或选择其他数据文件夹（--data-dir 或 VEO_DATA_DIR）。</translation>
    </message>
    <message>
        <source>The job journal was damaged; it was set aside, not deleted, as {path}.</source>
        <translation>任务日志已损坏；它没有被删除，而是另存为 {path}。</translation>
    </message>
    <message>
        <source>The job journal at {path} is held by another Veo Desktop or `veo` for too long. Try again in a moment.</source>
        <translation>位于 {path} 的任务日志被另一个 Veo Desktop 或 `veo` 占用过久。请稍后重试。</translation>
    </message>
    <message>
        <source>{count} job(s) were restored from the backup of {when}.</source>
        <translation>已从 {when} 的备份中恢复 {count} 个任务。</translation>
    </message>
    <message>
        <source>No sound backup was found, so a new journal was started.</source>
        <translation>未找到完好的备份，因此已新建任务日志。</translation>
    </message>
    <message>
        <source>Clips in the library are re-imported at the next start.</source>
        <translation>素材库中的片段将在下次启动时重新导入。</translation>
    </message>
    <message>
        <source>{count} downloaded clip(s) were re-imported from the library.</source>
        <translation>已从素材库重新导入 {count} 个已下载的片段。</translation>
    </message>
    <message>
        <source>{count} paid job(s) still open at the gateway were recovered and will be fetched as usual.</source>
        <translation>已恢复 {count} 个在网关上仍未完成的付费任务，将照常获取其结果。</translation>
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
        <source>The gateway says this job finished but kept failing to hand over the clip ({said}). A safety filter may have blocked it (often the audio: Retry without audio), or it expired upstream.</source>
        <translation>网关表示此任务已完成，但一直未能交付片段（{said}）。可能是安全过滤器拦截了它（通常因为音频：请选择“关闭音频后重试”），也可能是它已在上游过期。</translation>
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
        <source>Retry with audio off.</source>
        <translation>请关闭音频后重试。</translation>
    </message>
    <message>
        <source>Rephrase the prompt and try again.</source>
        <translation>请改写提示词后重试。</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新查询</translation>
    </message>
    <message>
        <source>Update the API key…</source>
        <translation>更新 API 密钥…</translation>
    </message>
    <message>
        <source>Download again</source>
        <translation>重新下载</translation>
    </message>
    <message>
        <source>Check the gateway&apos;s task list</source>
        <translation>在网关的任务列表中核实</translation>
    </message>
    <message>
        <source>Preparing</source>
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
        <source>Uncertain — check the gateway</source>
        <translation>未确认——请到网关核实</translation>
    </message>
    <message>
        <source>uncertain, check the gateway</source>
        <translation>未确认，请到网关核实</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>生成中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>已下载</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Its job is no longer in the journal (moved to the trash?).</source>
        <translation>其任务已不在任务日志中（可能已移到回收站）。</translation>
    </message>
    <message>
        <source>Cancelled in its batch before the gateway took it; nothing was billed.</source>
        <translation>在网关接收前已从批量任务中取消，未产生费用。</translation>
    </message>
    <message>
        <source>The gateway was busy (HTTP 429) and did not take it; it is sent again.</source>
        <translation>网关繁忙（HTTP 429），未接收此任务；将重新发送。</translation>
    </message>
    <message>
        <source>Veo Desktop could not send this row ({error}), so the batch is paused. The log has the details.</source>
        <translation>Veo Desktop 无法发送此行（{error}），批量任务已暂停。详情请查看日志。</translation>
    </message>
    <message>
        <source>Line {line}: {reason}</source>
        <translation>第 {line} 行：{reason}</translation>
    </message>
    <message>
        <source>“{value}” is not yes or no for {field}.</source>
        <translation>{field} 的值“{value}”不是 yes 或 no。</translation>
    </message>
    <message>
        <source>“{value}” is not a whole number for {field}.</source>
        <translation>{field} 的值“{value}”不是整数。</translation>
    </message>
    <message>
        <source>Unknown mode “{mode}”. Use text, image, frames, reference or extend, or leave it empty.</source>
        <translation>未知模式“{mode}”。请使用 text、image、frames、reference 或 extend，或留空。</translation>
    </message>
    <message>
        <source>The {field} file {name} was not found (looked for {path}).</source>
        <translation>找不到 {field} 文件 {name}（查找位置：{path}）。</translation>
    </message>
    <message>
        <source>The field “{name}” is not one Veo Desktop reads; it is ignored.</source>
        <translation>Veo Desktop 不读取字段“{name}”，已忽略。</translation>
    </message>
    <message>
        <source>{name}: a batch is a .txt (one prompt per line), .csv or .jsonl file.</source>
        <translation>{name}：批量文件须为 .txt（每行一条提示词）、.csv 或 .jsonl 文件。</translation>
    </message>
    <message>
        <source>{name} is larger than 20 MB: split it.</source>
        <translation>{name} 大于 20 MB，请拆分。</translation>
    </message>
    <message>
        <source>{name} has no rows to send.</source>
        <translation>{name} 中没有可发送的行。</translation>
    </message>
    <message>
        <source>{name} has {count} rows; a batch takes at most {limit}. Split it.</source>
        <translation>{name} 有 {count} 行，而一个批量任务最多 {limit} 行。请拆分。</translation>
    </message>
    <message>
        <source>{name}: cannot read it ({reason}).</source>
        <translation>{name}：无法读取（{reason}）。</translation>
    </message>
    <message>
        <source>{name} is not UTF-8 text (bad byte at {where}). Save it as UTF-8 (in Excel: CSV UTF-8) and try again.</source>
        <translation>{name} 不是 UTF-8 文本（{where} 处有无效字节）。请另存为 UTF-8 编码（在 Excel 中选择“CSV UTF-8”）后重试。</translation>
    </message>
    <message>
        <source>{name}: the first row must name the columns, one of them “prompt” (found: {found}).</source>
        <translation>{name}：第一行必须是列名，其中一列须为“prompt”（实际为：{found}）。</translation>
    </message>
    <message>
        <source>This row has {cells} cells but the header has {columns}: a prompt that contains a comma must be in double quotes.</source>
        <translation>此行有 {cells} 个单元格，但表头有 {columns} 列：含逗号的提示词必须用英文双引号括起来。</translation>
    </message>
    <message>
        <source>This line must be a JSON object, like {&quot;prompt&quot;: &quot;…&quot;}.</source>
        <translation>此行必须是 JSON 对象，例如 {&quot;prompt&quot;: &quot;…&quot;}。</translation>
    </message>
    <message>
        <source>This line is not valid JSON ({reason}).</source>
        <translation>此行不是有效的 JSON（{reason}）。</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>distance to the start picture {distance:.2f}</source>
        <translation>与首帧图片的差异度 {distance:.2f}</translation>
    </message>
    <message>
        <source>distance to the source clip&apos;s last frame {distance:.2f}</source>
        <translation>与源片段最后一帧的差异度 {distance:.2f}</translation>
    </message>
    <message>
        <source>no track</source>
        <translation>无音轨</translation>
    </message>
    <message>
        <source>loudest sample {peak:.0f} dBFS</source>
        <translation>峰值 {peak:.0f} dBFS</translation>
    </message>
    <message>
        <source>no audible track</source>
        <translation>无声</translation>
    </message>
    <message>
        <source>distance to the end picture {end:.2f}</source>
        <translation>与尾帧图片的差异度 {end:.2f}</translation>
    </message>
    <message>
        <source>distance to the end picture {end:.2f}, to the start picture {start:.2f}</source>
        <translation>与尾帧图片的差异度 {end:.2f}，与首帧图片的差异度 {start:.2f}</translation>
    </message>
    <message>
        <source>audible track</source>
        <translation>有声音轨</translation>
    </message>
    <message>
        <source>silent track</source>
        <translation>静音音轨</translation>
    </message>
    <message>
        <source>{problem} on {failed} of {total} {mode} jobs</source>
        <translation>{total} 个{mode}任务中有 {failed} 个{problem}</translation>
    </message>
    <message>
        <source>no sound although sound was on</source>
        <translation>开启了声音却无声</translation>
    </message>
    <message>
        <source>sound although sound was off</source>
        <translation>关闭了声音却有声</translation>
    </message>
    <message>
        <source>{check}: as requested</source>
        <translation>{check}：符合请求</translation>
    </message>
    <message>
        <source>{problem} (expected {expected}, got {got})</source>
        <translation>{problem}（应为 {expected}，实际为 {got}）</translation>
    </message>
    <message>
        <source>Plays</source>
        <translation>完整播放</translation>
    </message>
    <message>
        <source>does not play to the end</source>
        <translation>无法完整播放</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>wrong length</source>
        <translation>时长不符</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>wrong resolution</source>
        <translation>分辨率不符</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>宽高比</translation>
    </message>
    <message>
        <source>wrong aspect ratio</source>
        <translation>宽高比不符</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>sound not as requested</source>
        <translation>声音与请求不符</translation>
    </message>
    <message>
        <source>Start frame</source>
        <translation>首帧</translation>
    </message>
    <message>
        <source>start frame not followed</source>
        <translation>未遵循首帧</translation>
    </message>
    <message>
        <source>End frame</source>
        <translation>尾帧</translation>
    </message>
    <message>
        <source>end frame not followed</source>
        <translation>未遵循尾帧</translation>
    </message>
    <message>
        <source>Continuation</source>
        <translation>接续</translation>
    </message>
    <message>
        <source>does not continue the source clip</source>
        <translation>未接续源片段</translation>
    </message>
    <message>
        <source>Job {job_id} has no downloaded clip to check.</source>
        <translation>任务 {job_id} 没有可检查的已下载片段。</translation>
    </message>
    <message>
        <source>Finished without a video</source>
        <translation>已完成但无视频</translation>
    </message>
    <message>
        <source>Not found at the gateway — kept</source>
        <translation>网关中未找到——已保留</translation>
    </message>
    <message>
        <source>not found at the gateway, kept</source>
        <translation>网关中未找到，已保留</translation>
    </message>
    <message>
        <source>The gateway says this job finished, but the clip is no longer there: upstream deletes videos after about 2 days. Send the job again if you still need it.</source>
        <translation>网关表示此任务已完成，但片段已不存在：上游会在约 2 天后删除视频。如仍需要，请重新发送此任务。</translation>
    </message>
    <message>
        <source>The gateway says this job finished but has no video to give: a safety filter most likely blocked the clip, often because of the audio. Retry without audio; the gateway may still bill this one.</source>
        <translation>网关表示此任务已完成，但没有可提供的视频：很可能是安全过滤器拦截了该片段，通常是因为音频。请选择“关闭音频后重试”；网关仍可能对本次任务计费。</translation>
    </message>
    <message>
        <source>The gateway refused the API key while checking this job (a wrong key, or an account out of credit: many gateways answer both the same way). The job is not lost: fix the key or the credit (Settings, or `veo login`) and it will be picked up again.</source>
        <translation>查询此任务时网关拒绝了 API 密钥（可能是密钥有误，也可能是账户余额不足：许多网关对这两种情况的响应相同）。任务不会丢失：修正密钥（在“设置”中，或运行 `veo login`）或为账户充值后，会继续跟进此任务。</translation>
    </message>
    <message>
        <source>The gateway says it does not know task {task_id}. The job is kept and checked again every {minutes} minutes: choose Check again, or move it to the trash if you no longer need it.</source>
        <translation>网关表示找不到任务 {task_id}。此任务已保留，并会每 {minutes} 分钟重新查询一次：可选择“重新查询”；如果不再需要，也可以将其移到回收站。</translation>
    </message>
    <message>
        <source>{sent} of {total} takes were sent and keep running; take {number} was not sent: {reason}</source>
        <translation>{total} 个版本中已发送 {sent} 个，它们会继续生成；第 {number} 个版本未发送：{reason}</translation>
    </message>
    <message>
        <source>Ask for 1 to {most} takes at once (not {n}).</source>
        <translation>一次可生成 1 到 {most} 个版本（当前为 {n}）。</translation>
    </message>
    <message>
        <source>A rating is 1 to {most} stars (0 clears it), not {n}.</source>
        <translation>评分须为 1 到 {most} 星（0 表示清除），当前为 {n}。</translation>
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
    <message>
        <source>This gateway (new-api dialect) ignores the end frame: the clip starts from your start frame but will not end on your end frame. Use a gateway that honours last_image, or Image mode.</source>
        <translation>此网关（new-api 格式）会忽略尾帧：片段会从你的首帧开始，但不会以你的尾帧结束。请使用支持 last_image 的网关，或改用图生视频模式。</translation>
    </message>
    <message>
        <source>This gateway (new-api dialect) uses only the first reference image, as a start frame; the 2nd and 3rd are dropped. Use a gateway that honours references.</source>
        <translation>此网关（new-api 格式）只使用第 1 张参考图，并将其用作首帧；第 2 和第 3 张会被丢弃。请使用支持参考图的网关。</translation>
    </message>
    <message>
        <source>This gateway (new-api dialect) ignores the source video: the job would run as text-to-video. Use a gateway that supports extension.</source>
        <translation>此网关（new-api 格式）会忽略源视频：任务将按文生视频运行。请使用支持延长的网关。</translation>
    </message>
    <message>
        <source>This gateway (new-api dialect) drops image links; only files sent inline reach the model. Download the image and drop the file instead.</source>
        <translation>此网关（new-api 格式）会丢弃图片链接，只有直接随请求发送的文件才能传给模型。请先下载图片，再将图片文件拖入。</translation>
    </message>
    <message>
        <source>This gateway&apos;s clips: {habit}. {advice}</source>
        <translation>此网关的片段：{habit}。{advice}</translation>
    </message>
    <message>
        <source>Unknown model “{model}”. Choose one of: {names}.</source>
        <translation>未知模型“{model}”。请从以下模型中选择：{names}。</translation>
    </message>
    <message>
        <source>Extending a video needs a prompt that says what happens next. Describe how the clip should continue.</source>
        <translation>延长视频需要说明接下来发生什么的提示词。请描述片段应如何继续。</translation>
    </message>
    <message>
        <source>The prompt is {count} characters; shorten it below {limit}.</source>
        <translation>提示词有 {count} 个字符，请缩短到 {limit} 个字符以内。</translation>
    </message>
    <message>
        <source>Duration must be 4, 6 or 8 seconds (not {duration}). Pick one of those.</source>
        <translation>时长必须为 4、6 或 8 秒（当前为 {duration}）。请从中选择一个。</translation>
    </message>
    <message>
        <source>Aspect ratio must be 16:9 or 9:16 (not {ratio}).</source>
        <translation>宽高比必须为 16:9 或 9:16（当前为 {ratio}）。</translation>
    </message>
    <message>
        <source>Seed must be a whole number from 0 to {limit}; leave it empty for a random one.</source>
        <translation>种子必须是 0 到 {limit} 之间的整数；留空则随机生成。</translation>
    </message>
    <message>
        <source>Image to video needs a start frame. Drop an image into the start slot.</source>
        <translation>图生视频需要首帧。请将图片拖入首帧图片框。</translation>
    </message>
    <message>
        <source>Extending needs a source video: pick a finished job or paste its video URL.</source>
        <translation>延长需要源视频：请选择一个已完成的任务，或粘贴其视频 URL。</translation>
    </message>
    <message>
        <source>Extension works only on videos Veo generated in the last ~2 days, at 720p; it adds about 7 seconds.</source>
        <translation>延长仅适用于 Veo 在最近约 2 天内生成的 720p 视频，每次约增加 7 秒。</translation>
    </message>
    <message>
        <source>Use a different gateway or dialect, or Image mode.</source>
        <translation>请换用其他网关或请求格式，或改用图生视频模式。</translation>
    </message>
    <message>
        <source>Use a different gateway or dialect.</source>
        <translation>请换用其他网关或请求格式。</translation>
    </message>
    <message>
        <source>This text contains bytes that are not valid characters (often a terminal or file name in another encoding). Type or paste it again, or rename the file.</source>
        <translation>此文本含有无法识别为字符的字节（通常来自使用其他编码的终端或文件名）。请重新输入或粘贴，或重命名该文件。</translation>
    </message>
    <message>
        <source>Write a prompt: describe the shot you want.</source>
        <translation>请输入提示词：描述你想要的画面。</translation>
    </message>
    <message>
        <source>A last frame needs a first frame too. Add the start frame, or switch to Image mode.</source>
        <translation>有尾帧时也需要首帧。请添加首帧，或切换到图生视频模式。</translation>
    </message>
    <message>
        <source>First + Last needs an end frame. Drop an image into the end slot, or use Image mode for a start frame alone.</source>
        <translation>首尾帧模式需要尾帧。请将图片拖入尾帧图片框；如果只有首帧，请使用图生视频模式。</translation>
    </message>
    <message>
        <source>References need 2 or 3 images ({n} given). Add {more} more.</source>
        <translation>参考图需要 2 或 3 张（当前 {n} 张）。请再添加 {more} 张。</translation>
    </message>
    <message>
        <source>Reference images cannot be combined with first/last frames; only the references will be sent.</source>
        <translation>参考图不能与首帧/尾帧同时使用，只会发送参考图。</translation>
    </message>
    <message>
        <source>{resolution} output needs 8 seconds upstream; {duration} s is likely to be rejected. Choose 8 s or 720p.</source>
        <translation>上游输出 {resolution} 需要 8 秒时长，{duration} 秒很可能被拒绝。请选择 8 秒或 720p。</translation>
    </message>
    <message>
        <source>Reference images need 8 seconds upstream; other durations are likely to be rejected. Choose 8 s.</source>
        <translation>上游使用参考图时需要 8 秒时长，其他时长很可能被拒绝。请选择 8 秒。</translation>
    </message>
    <message>
        <source>Extension works on 720p; choose a 720p model.</source>
        <translation>延长仅支持 720p，请选择 720p 模型。</translation>
    </message>
    <message>
        <source>First + Last needs a start frame. Drop an image into the start slot.</source>
        <translation>首尾帧模式需要首帧。请将图片拖入首帧图片框。</translation>
    </message>
    <message>
        <source>At most 3 reference images are allowed ({n} given). Remove {extra}.</source>
        <translation>最多只能使用 3 张参考图（当前 {n} 张）。请移除 {extra} 张。</translation>
    </message>
    <message>
        <source>The storyboard has no shots. Add one with a prompt.</source>
        <translation>故事板中没有镜头。请添加一个带提示词的镜头。</translation>
    </message>
    <message>
        <source>Shot {n}: {reason}</source>
        <translation>镜头 {n}：{reason}</translation>
    </message>
    <message>
        <source>It continues from the shot before, so it starts on that shot&apos;s last frame and cannot use reference images. Remove the references, or turn off “continue from the previous shot”.</source>
        <translation>它接续上一个镜头，因此从该镜头的最后一帧开始，不能使用参考图。请移除参考图，或关闭“接续上一个镜头”。</translation>
    </message>
    <message>
        <source>shot {n}</source>
        <translation>镜头 {n}</translation>
    </message>
    <message>
        <source>the board</source>
        <translation>故事板</translation>
    </message>
    <message>
        <source>{name} is too large for a storyboard.</source>
        <translation>{name} 太大，无法作为故事板。</translation>
    </message>
    <message>
        <source>{name} needs an object with a list of shots: {{&quot;title&quot;: …, &quot;shots&quot;: [{{&quot;prompt&quot;: …}}, …]}}.</source>
        <translation>{name} 须为包含镜头列表的对象：{{&quot;title&quot;: …, &quot;shots&quot;: [{{&quot;prompt&quot;: …}}, …]}}。</translation>
    </message>
    <message>
        <source>Shot {n} must be an object with a prompt.</source>
        <translation>镜头 {n} 必须是包含 prompt 的对象。</translation>
    </message>
    <message>
        <source>Shot {n} has fields a storyboard does not read: {names}.</source>
        <translation>镜头 {n} 含有故事板不读取的字段：{names}。</translation>
    </message>
    <message>
        <source>Shot {n}: continue must be true or false.</source>
        <translation>镜头 {n}：continue 必须为 true 或 false。</translation>
    </message>
    <message>
        <source>Shot {n} has its own start image but would continue from the shot before (its last frame). Add &quot;continue&quot;: false to start from the image, or remove the image.</source>
        <translation>镜头 {n} 有自己的起始图片，却又设为接续上一个镜头（从其最后一帧开始）。要从该图片开始，请添加 &quot;continue&quot;: false；否则请移除该图片。</translation>
    </message>
    <message>
        <source>Shot {n}: the image {name} was not found (looked for {path}).</source>
        <translation>镜头 {n}：找不到图片 {name}（查找位置：{path}）。</translation>
    </message>
    <message>
        <source>Cannot read {name} ({error}).</source>
        <translation>无法读取 {name}（{error}）。</translation>
    </message>
    <message>
        <source>{name} is not JSON a storyboard can be read from ({error}).</source>
        <translation>{name} 不是可作为故事板读取的 JSON（{error}）。</translation>
    </message>
    <message>
        <source>In {where}, duration must be 4, 6 or 8 (not {value}).</source>
        <translation>{where}中的 duration 必须为 4、6 或 8（当前为 {value}）。</translation>
    </message>
    <message>
        <source>In {where}, audio must be true or false (not {value}).</source>
        <translation>{where}中的 audio 必须为 true 或 false（当前为 {value}）。</translation>
    </message>
    <message>
        <source>The film cannot be made: no downloaded take is chosen for shot(s) {shots}. Generate them first, or delete them from the board.</source>
        <translation>无法生成成片：镜头 {shots} 还没有选定已下载的版本。请先生成这些镜头，或将其从故事板中删除。</translation>
    </message>
    <message>
        <source>The film is an MP4: give a file name ending in .mp4.</source>
        <translation>成片为 MP4 格式：请使用以 .mp4 结尾的文件名。</translation>
    </message>
    <message>
        <source>The clip of shot {n} is no longer in the library ({path}). Download it again, or choose another take.</source>
        <translation>镜头 {n} 的片段已不在素材库中（{path}）。请重新下载，或选择其他版本。</translation>
    </message>
    <message>
        <source>There is nothing to export: no shot has a take.</source>
        <translation>没有可导出的内容：还没有任何镜头有版本。</translation>
    </message>
    <message>
        <source>The film could not be written ({error}). No file was made.</source>
        <translation>无法写入成片（{error}），未生成任何文件。</translation>
    </message>
    <message>
        <source>The export was cancelled; no film was written.</source>
        <translation>导出已取消，未写入成片。</translation>
    </message>
    <message>
        <source>Veo Desktop could not send a shot ({error}), so generating stopped. The log has the details.</source>
        <translation>Veo Desktop 无法发送镜头（{error}），已停止生成。详情请查看日志。</translation>
    </message>
    <message>
        <source>No storyboard {id}.</source>
        <translation>没有故事板 {id}。</translation>
    </message>
    <message>
        <source>The last frame of the shot before could not be read: {error}</source>
        <translation>无法读取上一个镜头的最后一帧：{error}</translation>
    </message>
    <message>
        <source>Shot {n}, which it continues from, did not finish.</source>
        <translation>其接续的镜头 {n} 未完成。</translation>
    </message>
    <message>
        <source>Not generated</source>
        <translation>未生成</translation>
    </message>
    <message>
        <source>Generating</source>
        <translation>生成中</translation>
    </message>
    <message>
        <source>Blocked by the shot before</source>
        <translation>被上一个镜头阻断</translation>
    </message>
    <message>
        <source>No job “{job_id}”. `veo jobs` lists them.</source>
        <translation>没有任务“{job_id}”。运行 `veo jobs` 可列出所有任务。</translation>
    </message>
    <message>
        <source>Job {job_id} is {state}; only a completed job can be downloaded.</source>
        <translation>任务 {job_id} 当前状态为“{state}”；只有已完成的任务才能下载。</translation>
    </message>
    <message>
        <source>No job {job_id} in the journal.</source>
        <translation>任务日志中没有任务 {job_id}。</translation>
    </message>
    <message>
        <source>Veo Desktop stopped while this job was being sent, so it may or may not have reached the gateway. It was not sent again: check the gateway&apos;s task list, then resend it yourself if it is not there.</source>
        <translation>Veo Desktop 在发送此任务时停止运行，任务可能已到达网关，也可能没有。任务未被重新发送：请先在网关的任务列表中核实，如果其中没有该任务，再自行重新发送。</translation>
    </message>
    <message>
        <source>The gateway reports the job failed without a reason. Try again, perhaps with a different prompt.</source>
        <translation>网关报告任务失败，但未说明原因。请重试，或换个提示词试试。</translation>
    </message>
    <message>
        <source>The video link keeps expiring. Choose Download again later.</source>
        <translation>视频链接一再过期。请稍后选择“重新下载”。</translation>
    </message>
    <message>
        <source>No secure key store is available on this system, so Veo Desktop cannot save your API key. Install and unlock a keyring (GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager), or set the VEO_API_KEY environment variable before starting Veo Desktop.</source>
        <translation>此系统上没有可用的安全密钥存储，Veo Desktop 无法保存你的 API 密钥。请安装并解锁一个密钥环（GNOME Keyring、KWallet、macOS 钥匙串或 Windows 凭据管理器），或在启动 Veo Desktop 前设置环境变量 VEO_API_KEY。</translation>
    </message>
    <message>
        <source>The system keyring did not answer. Unlock it (or log in again) and retry; or set VEO_API_KEY.</source>
        <translation>系统密钥环没有响应。请解锁（或重新登录）后重试，或设置 VEO_API_KEY。</translation>
    </message>
    <message>
        <source>The system keyring refused to store the key. Unlock it and try again, or set VEO_API_KEY.</source>
        <translation>系统密钥环拒绝保存密钥。请解锁后重试，或设置 VEO_API_KEY。</translation>
    </message>
    <message>
        <source>The system keyring refused to remove the key. Unlock it and try again.</source>
        <translation>系统密钥环拒绝删除密钥。请解锁后重试。</translation>
    </message>
    <message>
        <source> The gateway said: {message}</source>
        <translation>网关返回：{message}</translation>
    </message>
    <message>
        <source>The gateway sent a reply Veo Desktop cannot read. Try again in a moment.</source>
        <translation>网关返回了 Veo Desktop 无法读取的响应。请稍后重试。</translation>
    </message>
    <message>
        <source>The disk is almost full ({free} MB free in {folder}) and the video host did not say how big the video is, so the download was stopped. Free some space, then choose Download again.</source>
        <translation>磁盘空间即将用尽（{folder} 中仅剩 {free} MB），且视频服务器没有告知视频大小，因此下载已停止。请释放空间后选择“重新下载”。</translation>
    </message>
    <message>
        <source>The download was damaged: the video does not play to its end. Choose Download again; it starts over.</source>
        <translation>下载的视频已损坏：无法完整播放。请选择“重新下载”，将从头开始下载。</translation>
    </message>
    <message>
        <source>The gateway sent a reply without a job in it. Try again in a moment.</source>
        <translation>网关返回的响应中没有任务信息。请稍后重试。</translation>
    </message>
    <message>
        <source> Wait {seconds} s and try again.</source>
        <translation>请等待 {seconds} 秒后重试。</translation>
    </message>
    <message>
        <source> Wait a moment and try again.</source>
        <translation>请稍等片刻后重试。</translation>
    </message>
    <message>
        <source>The gateway had a problem (HTTP {status}). It is usually passing; try again in a minute.</source>
        <translation>网关出现问题（HTTP {status}），通常很快会恢复。请一分钟后重试。</translation>
    </message>
    <message>
        <source>The gateway sent a web page instead of data. Check the base URL in Settings.</source>
        <translation>网关返回的是网页而不是数据。请在设置中检查基础 URL。</translation>
    </message>
    <message>
        <source>The gateway rejected the API key. Open Settings (or run `veo login`) and enter a valid key.</source>
        <translation>网关拒绝了 API 密钥。请打开设置（或运行 `veo login`）并输入有效的密钥。</translation>
    </message>
    <message>
        <source>Your gateway account is out of credit. Top it up on the gateway&apos;s site, then send again.</source>
        <translation>你的网关账户余额不足。请到网关网站充值，然后重新发送。</translation>
    </message>
    <message>
        <source>The gateway refused access with this key. Check that the key is allowed to use Veo models.</source>
        <translation>网关拒绝了此密钥的访问。请确认该密钥有权使用 Veo 模型。</translation>
    </message>
    <message>
        <source>The gateway is rate limiting requests.</source>
        <translation>网关正在限制请求频率。</translation>
    </message>
    <message>
        <source>The gateway does not know this job (yet).</source>
        <translation>网关（暂时）找不到此任务。</translation>
    </message>
    <message>
        <source>The gateway has no channel for this model. Choose another model, or ask the gateway&apos;s operator to enable it.</source>
        <translation>网关没有此模型的可用渠道。请选择其他模型，或请网关管理员启用该模型。</translation>
    </message>
    <message>
        <source>The gateway rejected the request: {message} Change the settings it names and send again.</source>
        <translation>网关拒绝了请求：{message} 请修改其中提到的设置后重新发送。</translation>
    </message>
    <message>
        <source>The gateway rejected the request (HTTP {status}). Change the settings it names and send again.</source>
        <translation>网关拒绝了请求（HTTP {status}）。请修改相关设置后重新发送。</translation>
    </message>
</context>
</TS>
