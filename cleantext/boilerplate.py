"""Word lists that describe Chinese page chrome, used by :mod:`cleantext.strip`.

They are data, not logic: each is a set of Simplified-Chinese (or English) words as they appear
in menus, widgets and section headers of Chinese web pages. Matching is done on the Simplified,
unannotated form of a line (see :func:`cleantext.strip.match_key`), so Traditional pages need no
entries of their own.
"""

from __future__ import annotations

# Items of a site's navigation: menus, login bars, language and accessibility switches.
NAV_WORDS = frozenset(
    """首页 网站首页 返回首页 回首页 主页 新闻首页 学校首页 登录 注册 登入 退出 加入会员 会员 个人中心
    搜索 站内搜索 搜寻 高级搜索 网站地图 网站导航 网站导览 导航 导航菜单 关于我们 联系我们 关于本站 English EN En
    中文 繁体 简体 繁体版 简体版 繁体中文 简体中文 无障碍 长者模式 关怀版 移动版 手机版 行动版 RSS 订阅
    设为首页 加入收藏 收藏本站 使用帮助 帮助 网站纠错 纠错 隐私声明 隐私政策 隐私权政策 私隐政策 使用条款
    服务条款 法律声明 免责声明 重要告示 无障碍声明 版权声明 网站声明 投稿 投稿须知 投稿邮箱 广告服务 广告刊登
    广告查询 诚聘英才 招聘信息 人才招聘 网站律师 不良信息举报 侵权投诉 客服信箱 订阅电子报 联络我们
    今日新闻 新闻 资讯 更多 跳到主要内容区块 跳到主要内容 跳过导航 主要内容 Home About Contact News Events
    Impressum Datenschutz Kontakt Login Register Search Menu""".split()
)

# Buttons and counters around an article: print, close, share, font size, back to top.
WIDGET_WORDS = frozenset(
    """打印 打印本页 打印此页 打印文章 打印本文 打印此文 列印 列印本页 友善列印 关闭 关闭窗口 关闭本页 分享 分享到 转发 收藏
    复制 复制链接 朗读 纠错 举报 评论 点赞 赞 在看 回执 返回 返回顶部 回到顶部 返回页首 回上一页 返回上一页
    返回列表 返回目录 下载文本 下载 联系客服 在线客服 客服 电邮本页 电邮 邮件 字号 字体 字级 大 中 小 A A+ A-
    默认 标准 放大 缩小 看更多 查看更多 更多 加载更多 展开全文 阅读全文 阅读原文 点击查看 微信 微博 QQ QQ空间
    LINE Facebook WhatsApp Twitter X E-Mail Email 讚 推 官方微信 官方微博 扫码关注 扫一扫 预约参观 参观须知
    我要评论 发表评论 我要说说 推荐 顶 踩 已读 未读 上一页 下一页 首页 尾页 末页 跳转""".split()
)

# Headers of related-article lists, hot lists, comment and download sections. A line that is
# only one of these (with optional decoration and colon) opens a block of chrome items.
LIST_HEADERS = frozenset(
    """相关阅读 延伸阅读 推荐阅读 相关新闻 相关文章 相关推荐 相关报道 相关链接 相关稿件 相关专题 相关资讯
    相关诗词 相关展览 相关活动 相关图片 相关视频 相关附件 附件下载 相关文件 热门推荐 热点新闻 热门新闻 热门文章
    热门视频 热门活动 热门标签 热门评论 热门诗人 热点推荐 热点关注 精彩推荐 精彩图片 为您推荐 猜你喜欢 大家都在看
    今日推荐 编辑推荐 最新文章 最新新闻 最新资讯 最新评论 最新动态 图片新闻 视频推荐 排行榜 新闻排行榜 阅读排行
    点击排行 一周排行 友情链接 比分直播 积分榜 网友评论 评论 我要评论 发表评论 更多 看更多 查看更多 更多新闻
    更多比分 开放时间 参观须知 参考资料 相关阅读推荐 往期回顾 往期推荐 专题推荐 今日焦点 焦点新闻 今日关注 焦点图片
    新闻排行 热门排行 今日热点 专题报道 回复线索 相关帖子 相关主题""".split()
)

# Labels of article metadata lines (each label followed by a colon): source, time, counters, editor.
META_LABELS = (
    "来源", "信息来源", "文章来源", "稿件来源", "新闻来源", "本文来源", "出处", "发布时间", "发布日期", "发表时间",
    "发表日期", "发稿时间", "发文时间", "更新时间", "更新日期", "时间", "日期", "发布者", "发布人", "发布单位",
    "发布部门", "发布机构", "发稿作者", "点击", "点击数", "点击量", "点击率", "点阅次数", "浏览", "浏览次数",
    "浏览量", "阅读", "阅读量", "阅读次数", "阅读数", "访问量", "访问次数", "人气", "查看次数", "字号", "字体",
    "字级", "字体大小", "字级设定", "文字大小", "录入", "供稿单位", "索引号", "发文机关", "成文日期", "发文字号",
    "主题分类", "有效性", "主题词", "所属机构", "公开方式", "公开范围", "生效日期", "废止日期", "标签", "关键词",
    "关键字", "Tags", "Tag", "TAG", "source", "Source", "分类", "栏目", "编号",
)

# Labels of editor lines.
EDITOR_LABELS = (
    "责任编辑", "责编", "编辑", "主编", "本期主编", "值班编辑", "网络编辑", "实习编辑", "审核", "审校", "校对",
    "终审", "一审", "二审", "三审", "监制", "统筹", "编审", "初审", "复审", "出刊日期",
)

# Labels of contact and operator lines in site footers.
FOOTER_LABELS = (
    "地址", "通讯地址", "联系地址", "电话", "联系电话", "服务热线", "咨询电话", "热线", "传真", "邮编", "邮政编码",
    "邮箱", "电子邮箱", "E-mail", "Email", "总机", "投诉电话", "举报电话", "客服电话", "值班电话", "客服信箱",
)
OPERATOR_LABELS = (
    "主办", "主办单位", "承办", "承办单位", "协办", "协办单位", "技术支持", "网站标识码", "备案号", "网站维护",
    "维护单位", "运维单位", "建设单位", "网站管理", "制作单位", "主管单位", "主管", "运营",
)

# Counter words that come with a number: 跟贴 1,208 / 阅读 4.2万 / 已读(186).
COUNTER_WORDS = (
    "跟贴", "跟帖", "参与", "阅读", "评论", "点赞", "赞", "转发", "收藏", "分享", "浏览", "已读", "未读", "回复",
    "点击", "人参与", "人阅读", "次阅读", "次浏览", "条评论", "人气", "热度", "在看", "播放", "Comments",
)
